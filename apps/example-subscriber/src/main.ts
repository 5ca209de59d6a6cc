import { subscribe } from '@privacy-ledger/messaging';

/**
 * How an internal service follows the ledger: one consumer group over the contexts' topics, each event once per
 * process, in its stream's order. It logs what identifies an event and never its personal part, which stays
 * sealed under keys only the owning service holds. KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, SUBSCRIBER_GROUP_ID.
 */
async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean) ?? [];
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS must name the brokers (host:port, comma-separated)');
  const subscription = await subscribe({
    brokers,
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX,
    groupId: process.env.SUBSCRIBER_GROUP_ID ?? 'example-subscriber',
    contexts: ['identity', 'contacts', 'payment-vault'],
    onEvent: async ({ eventId, type, streamId, position }) =>
      console.log(JSON.stringify({ msg: 'event', eventId, type, streamId, position })),
  });
  const stop = async () => {
    await subscription.stop();
    console.log(JSON.stringify({ msg: 'stopped', duplicatesDropped: subscription.duplicatesDropped }));
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ msg: 'example subscriber failed', error: (error as Error).name, detail: (error as Error).message }));
  process.exit(1);
});
