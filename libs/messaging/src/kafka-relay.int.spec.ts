import { randomUUID } from 'node:crypto';
import { EventTypeRegistry, InMemoryEventStore, newEvent, type EventStore, type RecordedEvent } from '@privacy-ledger/ledger';
import { InMemoryProjectionLease, InMemoryReadModels, ProjectionRunner, type Reactor, type ReadModels } from '@privacy-ledger/projections';
import { deleteTopicsStartingWith, eventually, serverKafkaBrokers, uniqueTopicPrefix } from '@privacy-ledger/testing';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { KafkaRelay } from './kafka-relay';
import { topicOf, type LedgerMessage } from './ledger-message';
import { subscribe, type LedgerSubscription } from './subscribe';

const brokers = serverKafkaBrokers('the Kafka relay suite');
const context = { correlationId: randomUUID(), causationId: 'cause-1', actor: 'test', occurredAt: new Date(0).toISOString() };

(brokers ? describe : describe.skip)('KafkaRelay and subscribe, on the stack broker', () => {
  // A topic per test, so that no test reads another's messages.
  const prefixes: string[] = [];
  let prefix: string;
  let topic: string;
  const eventTypes = new EventTypeRegistry();
  eventTypes.register('orders/order', ['OrderPlaced', 'OrderShipped']);
  eventTypes.register('billing/invoice', ['InvoiceSent']);
  let events: EventStore;
  let readModels: ReadModels;
  let lease: InMemoryProjectionLease;
  const running: { stop(): Promise<void> }[] = [];
  const relay = () =>
    new KafkaRelay({ brokers: brokers!, topicPrefix: prefix, context: 'orders', ownerOf: (type) => eventTypes.ownerOf(type) });
  const run = (reactor: Reactor) => {
    const runner = new ProjectionRunner(events, readModels, lease, reactor, { leaseRetryMs: 50 }).start();
    running.push({ stop: async () => (await runner.stop(), await reactor.close?.()) });
    return runner;
  };

  beforeEach(() => {
    prefixes.push((prefix = uniqueTopicPrefix()));
    topic = topicOf('orders', prefix);
    events = new InMemoryEventStore();
    readModels = new InMemoryReadModels();
    lease = new InMemoryProjectionLease();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => Promise.all(prefixes.map((used) => deleteTopicsStartingWith(brokers!, used))));

  async function place(streams: readonly string[], perStream: number): Promise<void> {
    for (let i = 0; i < perStream; i++)
      for (const stream of streams)
        await events.append(
          stream,
          [newEvent({ type: i === 0 ? 'OrderPlaced' : 'OrderShipped', data: { i }, personal: new Uint8Array([7, i]) }, context)],
          {
            expectedRevision: 'any',
          },
        );
  }

  /** Everything the topic holds, read by a group of its own from the start. */
  async function everyMessage(expected: number): Promise<KafkaMessage[]> {
    const kafka = new Kafka({ clientId: 'relay-spec', brokers: brokers!, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `raw-${randomUUID()}` });
    const received: KafkaMessage[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
    await eventually(
      async () => received.length,
      (count) => count >= expected,
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything beyond the expected count would show by now
    await consumer.disconnect();
    return received;
  }

  /** What a group received through the helper, per stream, until `expected` events came. */
  async function receiveThroughHelper(expected: number): Promise<{ perStream: Map<string, number[]>; subscription: LedgerSubscription }> {
    const perStream = new Map<string, number[]>();
    const subscription = await subscribe({
      brokers: brokers!,
      topicPrefix: prefix,
      groupId: `helper-${randomUUID()}`,
      contexts: ['orders'],
      onEvent: async (event: LedgerMessage) =>
        void perStream.set(event.streamId, [...(perStream.get(event.streamId) ?? []), event.position]),
    });
    await eventually(
      async () => [...perStream.values()].flat().length,
      (count) => count >= expected,
      30_000,
    );
    return { perStream, subscription };
  }

  it('publishes its context’s events keyed by stream, with the contract’s headers and value, and skips other contexts', async () => {
    await place(['order-a'], 2);
    await events.append('invoice-1', [newEvent({ type: 'InvoiceSent', data: {} }, context)], { expectedRevision: 'any' });
    await run(relay()).caughtUp();
    const recorded = (await events.readStream('order-a'))[1];
    const messages = await everyMessage(2);
    expect(messages).toHaveLength(2);
    const shipped = messages.find((m) => m.headers!['type']!.toString() === 'OrderShipped')!;
    expect(shipped.key!.toString()).toBe('order-a');
    expect(Object.fromEntries(Object.entries(shipped.headers!).map(([name, value]) => [name, value!.toString()]))).toEqual({
      position: String(recorded.position),
      'event-id': recorded.eventId,
      type: 'OrderShipped',
      'schema-version': '1',
      'stream-revision': String(recorded.revision),
      'correlation-id': context.correlationId,
      'causation-id': 'cause-1',
    });
    expect(JSON.parse(shipped.value!.toString())).toEqual({
      eventId: recorded.eventId,
      type: 'OrderShipped',
      schemaVersion: 1,
      streamId: 'order-a',
      revision: recorded.revision,
      position: recorded.position,
      data: { i: 1 },
      personal: Buffer.from([7, 1]).toString('base64'),
      metadata: recorded.metadata,
    });
  });

  it('shows a broker it cannot reach as its fault, naming the first event it holds back, and keeps its checkpoint', async () => {
    await place(['order-x'], 2);
    const [first] = await events.readAll({ maxCount: 1 });
    const unreachable = new KafkaRelay({
      brokers: ['127.0.0.1:1'],
      topicPrefix: prefix,
      context: 'orders',
      ownerOf: (type) => eventTypes.ownerOf(type),
    });
    const runner = run(unreachable);
    await eventually(
      async () => runner.status().fault,
      (fault) => fault !== null,
      30_000,
    );
    expect(runner.status().fault).toMatchObject({ eventId: first.eventId, position: first.position });
    expect(await readModels.checkpoint(unreachable.name)).toBe(0);
  });

  it('sends a batch again after a crash before its checkpoint; a consumer group gets each event once, in stream order', async () => {
    const streams = ['s1', 's2', 's3', 's4'];
    await place(streams, 5);
    const relayed = relay();
    let crashAfterSending = true;
    // Kafka has the batch, the checkpoint has not moved: what a kill -9 between the two leaves behind.
    const crashing = {
      name: relayed.name,
      handle: (event: RecordedEvent) => relayed.handle(event),
      async handleBatch(batch: readonly RecordedEvent[]) {
        await relayed.handleBatch(batch);
        if (crashAfterSending) {
          crashAfterSending = false;
          throw new Error('crashed after sending');
        }
      },
    };
    const first = run(crashing);
    await first.caughtUp();
    await first.stop();
    await relayed.close();

    // Another process's relay takes over from the checkpoint and publishes what was appended meanwhile.
    await place(streams, 2);
    await run(relay()).caughtUp();
    const total = streams.length * 7;
    expect(await readModels.checkpoint(relayed.name)).toBe(await events.headPosition());
    expect((await everyMessage(2 * streams.length * 5 + streams.length * 2)).length).toBe(2 * streams.length * 5 + streams.length * 2);

    const { perStream, subscription } = await receiveThroughHelper(total);
    await subscription.stop();
    for (const stream of streams) {
      const recorded = (await events.readStream(stream)).map((event) => event.position);
      expect(perStream.get(stream)).toEqual(recorded); // each once, in the stream's order
    }
    expect(subscription.duplicatesDropped).toBe(streams.length * 5);
  });

  it('commits a group’s offsets after handling: a subscriber that comes back gets only what it had not handled', async () => {
    await place(['c1'], 3);
    await run(relay()).caughtUp();
    const groupId = `returning-${randomUUID()}`;
    const handled: number[] = [];
    const join = () =>
      subscribe({
        brokers: brokers!,
        topicPrefix: prefix,
        groupId,
        contexts: ['orders'],
        onEvent: async (e) => void handled.push(e.position),
      });
    const before = await join();
    await eventually(
      async () => handled.length,
      (count) => count === 3,
    );
    await before.stop();
    await place(['c1'], 1);
    const after = await join();
    await eventually(
      async () => handled.length,
      (count) => count === 4,
      30_000,
    );
    await after.stop();
    expect(handled).toEqual((await events.readStream('c1')).map((event) => event.position));
  });
});
