import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import mongoose, { Schema, type Connection } from 'mongoose';

// The stack's Kafka broker and FerretDB (deploy/local/stack), spoken to with the clients the services are to use.
// These suites prove the servers; the services' use of them is tested where they use them (libs/messaging, the read models).
const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean) ?? [];
const readModelsUrl = process.env.READ_MODELS_URL || undefined;
const run = `${Date.now()}_${randomBytes(4).toString('hex')}`;

if (brokers.length === 0) console.log('KAFKA_BROKERS is not set (eval "$(npm run -s stack:up)" sets it): the Kafka suite is skipped.');
if (!readModelsUrl) console.log('READ_MODELS_URL is not set (eval "$(npm run -s stack:up)" sets it): the FerretDB suite is skipped.');

(brokers.length > 0 ? describe : describe.skip)("the stack's Kafka broker, through kafkajs", () => {
  // Short timeouts: a broker that does not answer fails the suite in seconds, not kafkajs's default minute.
  const kafka = new Kafka({
    clientId: 'stack-servers-spec',
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { retries: 5, initialRetryTime: 200 },
    logLevel: logLevel.NOTHING,
  });
  const topic = `stack-spec-${run}`;
  const groupId = `stack-spec-group-${run}`;
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await producer?.disconnect();
    await admin?.disconnect();
  });

  it('creates and lists a topic with the admin client', async () => {
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })).toBe(true);
    expect(await admin.listTopics()).toContain(topic);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions).toHaveLength(2);
  });

  it('delivers what a producer sends to a consumer group, which commits its offsets', async () => {
    const sent = ['one', 'two', 'three'].map((value) => ({ key: 'stream-1', value }));
    await producer.send({ topic, messages: sent, acks: -1 });

    consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const received: string[] = [];
    const all = new Promise<void>((resolve) => {
      void consumer!.run({
        eachMessage: async ({ message }) => {
          received.push(message.value!.toString());
          if (received.length === sent.length) resolve();
        },
      });
    });
    await all;
    expect(received).toEqual(['one', 'two', 'three']); // one key, one partition: in order
    await consumer.stop(); // commits what it has processed

    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0].partitions.reduce((sum, { offset }) => sum + Math.max(Number(offset), 0), 0);
    expect(committed).toBe(sent.length);
    expect((await admin.listGroups()).groups.map((group) => group.groupId)).toContain(groupId);
  });
});

(readModelsUrl ? describe : describe.skip)("the stack's FerretDB, through mongoose", () => {
  let connection: Connection;
  const Entry = new Schema({ owner: { type: String, required: true }, name: String, version: Number }, { autoIndex: false });

  beforeAll(async () => {
    // Another database per run on the same server, so runs side by side never see each other's documents.
    const url = new URL(readModelsUrl!);
    url.pathname = `/stack_spec_${run}`;
    connection = await mongoose.createConnection(url.toString(), { serverSelectionTimeoutMS: 5000 }).asPromise();
  });

  afterAll(async () => {
    await connection?.dropDatabase().catch(() => undefined);
    await connection?.close();
  });

  it('inserts and finds documents', async () => {
    const entries = connection.model('Entry', Entry, 'entries');
    await entries.create([
      { owner: 'a', name: 'first', version: 1 },
      { owner: 'b', name: 'second', version: 1 },
    ]);
    const found = await entries.find({ owner: 'a' }).lean();
    expect(found).toEqual([expect.objectContaining({ owner: 'a', name: 'first', version: 1 })]);
    await entries.updateOne({ owner: 'b' }, { $inc: { version: 1 } });
    expect(await entries.findOne({ owner: 'b' }).lean()).toEqual(expect.objectContaining({ version: 2 }));
  });

  it('creates a unique index and enforces it', async () => {
    const entries = connection.model('Entry');
    await entries.collection.createIndex({ owner: 1 }, { unique: true, name: 'owner_unique' });
    expect((await entries.collection.indexes()).map((index) => index.name)).toContain('owner_unique');
    await expect(entries.create({ owner: 'a', name: 'again' })).rejects.toMatchObject({ code: 11000 });
  });

  it('has no multi-document transactions (read models must not rely on them): it refuses the first write of one', async () => {
    const entries = connection.model('Entry');
    const session = await connection.startSession();
    try {
      const transaction = session.withTransaction(async () => {
        await entries.create([{ owner: 'c' }], { session });
        await entries.create([{ owner: 'd' }], { session });
      });
      // FerretDB 1.24 does not know the transaction fields of a command: FailedToParse, 'unknown field "autocommit"'.
      await expect(transaction).rejects.toMatchObject({ code: 9, message: expect.stringContaining('autocommit') });
    } finally {
      await session.endSession();
    }
    expect(await entries.countDocuments({ owner: { $in: ['c', 'd'] } })).toBe(0);
  });
});
