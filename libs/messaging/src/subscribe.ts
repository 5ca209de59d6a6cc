import { ensureTopics, kafkaClient, type KafkaSettings } from './kafka-connection';
import { fromKafkaMessage, topicOf, type LedgerMessage } from './ledger-message';
import { StreamPositions } from './stream-positions';

export interface LedgerSubscribeOptions extends KafkaSettings {
  /** The consumer group: processes of one group share the topics' partitions, and its committed offsets. */
  readonly groupId: string;
  /** The bounded contexts to follow, named as their services are: identity, contacts, payment-vault. */
  readonly contexts: readonly string[];
  /**
   * Called once for each event, in its stream's order. Its offset is committed only after it resolves: a throw,
   * or a crash before the commit, has Kafka deliver the event again, so handling must be idempotent.
   */
  readonly onEvent: (event: LedgerMessage) => Promise<void>;
}

export interface LedgerSubscription {
  /** Copies of events this process had handled already, dropped without calling `onEvent`. */
  readonly duplicatesDropped: number;
  /** Commits what was handled and leaves the group. */
  stop(): Promise<void>;
}

/**
 * Follows the topics of `contexts` from the start of what they retain (a new group) or from the group's
 * committed offsets. The relay delivers at least once, so a batch can arrive twice: a copy shows by a position
 * no later than the last one handled of its stream, and is dropped.
 */
export async function subscribe(options: LedgerSubscribeOptions): Promise<LedgerSubscription> {
  const kafka = kafkaClient(options.groupId, options.brokers);
  const topics = options.contexts.map((context) => topicOf(context, options.topicPrefix));
  await ensureTopics(kafka, topics);
  const consumer = kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false });
  const handled = new StreamPositions();
  let duplicatesDropped = 0;
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = fromKafkaMessage(message);
      if (handled.isCopy(event)) {
        duplicatesDropped++;
        return;
      }
      await options.onEvent(event);
      handled.record(event);
    },
  });
  return {
    get duplicatesDropped() {
      return duplicatesDropped;
    },
    stop: () => consumer.disconnect(),
  };
}
