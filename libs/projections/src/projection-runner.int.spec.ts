import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, newEvent, PostgresEventStore, START, type EventStore, type RecordedEvent } from '@privacy-ledger/ledger';
import { PostgresDatabase } from '@privacy-ledger/sql';
import { createScratchMongoDatabase, eventually, serverReadModelsUrl, testDatabaseAdapters } from '@privacy-ledger/testing';
import { InMemoryProjectionLease } from './in-memory/in-memory-projection-lease';
import { InMemoryReadModels } from './in-memory/in-memory-read-models';
import { MongoReadModels } from './mongodb/mongo-read-models';
import { PostgresProjectionLease } from './postgres/postgres-projection-lease';
import { PostgresReadModels } from './postgres/postgres-read-models';
import type { Projection } from './projection';
import type { ProjectionLease } from './projection-lease.port';
import { ProjectionRunner } from './projection-runner';
import { LeaseLostError, type ReadModels } from './read-model-store.port';

const context = { correlationId: randomUUID(), causationId: null, actor: 'test', occurredAt: new Date(0).toISOString() };

type StreamCount = { count: number; lastType: string; personal: string | null };

/** Counts events per stream and keeps the latest sealed personal part as it came, still encrypted. */
function streamCounter(poison?: string): Projection<StreamCount> {
  return {
    name: 'stream-counter',
    collection: 'stream-counts',
    canHandle: (event) => !event.streamId.startsWith('echoes'),
    documentId: (event) => event.streamId,
    evolve(current, event) {
      if (event.type === poison) throw new Error('poisoned event');
      return {
        count: (current?.count ?? 0) + 1,
        lastType: event.type,
        personal: event.personal ? Buffer.from(event.personal).toString('base64') : (current?.personal ?? null),
      };
    },
  };
}

async function appendSome(store: EventStore, streams: string[], perStream: number): Promise<void> {
  for (const stream of streams)
    for (let i = 0; i < perStream; i++)
      await store.append(stream, [newEvent({ type: `E${i}`, data: { i }, personal: new Uint8Array([1, i]) }, context)], {
        expectedRevision: 'any',
      });
}

interface Stack {
  events: EventStore;
  readModels: ReadModels;
  lease: ProjectionLease;
  close(): Promise<void>;
}

const stacks: { name: string; open(): Promise<Stack> }[] = [
  {
    name: 'in memory',
    open: async () => ({
      events: new InMemoryEventStore(),
      readModels: new InMemoryReadModels(),
      lease: new InMemoryProjectionLease(),
      close: async () => undefined,
    }),
  },
  ...testDatabaseAdapters().map((adapter) => ({
    name: adapter.name,
    async open(): Promise<Stack> {
      const { db, close } = await adapter.open();
      return {
        events: await PostgresEventStore.create(db),
        readModels: await PostgresReadModels.create(db),
        lease: await PostgresProjectionLease.create(db, { ttlMs: 10_000, holder: 'spec' }),
        close,
      };
    },
  })),
  ...mongoStack(),
];

/** Read models on the MongoDB server READ_MODELS_URL names, whenever it is set (always in CI). */
function mongoStack(): { name: string; open(): Promise<Stack> }[] {
  const serverUrl = serverReadModelsUrl();
  if (!serverUrl) return [];
  return [
    {
      name: 'mongodb read models',
      async open(): Promise<Stack> {
        const scratch = createScratchMongoDatabase(serverUrl);
        const readModels = await MongoReadModels.connect(scratch.url);
        return {
          events: new InMemoryEventStore(),
          readModels,
          lease: new InMemoryProjectionLease(),
          async close() {
            await readModels.close();
            await scratch.drop();
          },
        };
      },
    },
  ];
}

describe.each(stacks)('ProjectionRunner on $name', (stack) => {
  let events: EventStore;
  let readModels: ReadModels;
  let lease: ProjectionLease;
  let close: () => Promise<void>;
  const runner = (consumer: ConstructorParameters<typeof ProjectionRunner>[3], leaseRetryMs = 1000) =>
    new ProjectionRunner(events, readModels, lease, consumer, { leaseRetryMs });
  const counts = async () => ({ a: await readModels.get('stream-counts', 'a'), all: await readModels.list('stream-counts') });

  beforeEach(async () => ({ events, readModels, lease, close } = await stack.open()));
  afterEach(() => close());

  it('feeds the read model from history and live appends, checkpointing as it goes', async () => {
    await appendSome(events, ['a', 'b'], 3);
    const counter = runner(streamCounter()).start();
    await counter.caughtUp();
    await appendSome(events, ['a', 'c'], 2);
    await counter.caughtUp();
    await counter.stop();
    expect(await readModels.get('stream-counts', 'a')).toMatchObject({ count: 5, lastType: 'E1' });
    expect(await readModels.list('stream-counts', { where: { count: 2 } })).toHaveLength(1);
    expect(await readModels.checkpoint('stream-counter')).toEqual(await events.headPosition());
  });

  it('stops when asked while it takes over, the lease held but nothing subscribed yet', async () => {
    await appendSome(events, ['a'], 2);
    let stopping: Promise<void> | null = null;
    const takingOver: ReadModels = Object.create(readModels, {
      takeOver: {
        value: (projection: string, fence: number) => {
          stopping = counter.stop();
          return readModels.takeOver(projection, fence);
        },
      },
    });
    const counter = new ProjectionRunner(events, takingOver, lease, streamCounter()).start();
    await eventually(
      async () => stopping,
      (promise) => promise !== null,
    );
    const outcome = await Promise.race([
      stopping!.then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('hangs'), 5000)),
    ]);
    expect(outcome).toBe('stopped');
    expect(counter.isActive).toBe(false);
  });

  it('rebuilds from position zero into exactly the same read model', async () => {
    await appendSome(events, ['a', 'b', 'c'], 4);
    const counter = runner(streamCounter()).start();
    await counter.caughtUp();
    const before = await counts();
    await readModels.applyBatch('vandal', await events.headPosition(), Number.MAX_SAFE_INTEGER, (readModel) =>
      readModel.put('stream-counts', 'a', { count: -1 }, Number.MAX_SAFE_INTEGER),
    );
    await counter.rebuild();
    await counter.stop();
    expect(await counts()).toEqual(before);
    expect(before.all).toHaveLength(3);
  });

  it('writes nothing of a batch, not even its checkpoint, when applying it fails, and names the event it is stuck on', async () => {
    await appendSome(events, ['a'], 3);
    const poison = newEvent({ type: 'Poison', data: {} }, context);
    await events.append('a', [poison], { expectedRevision: 'any' });
    const counter = runner(streamCounter('Poison'), 50).start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { fault, active } = counter.status();
    await counter.stop();
    expect(active).toBe(true); // retrying under its lease, not handing the fault to another process
    expect(await readModels.get('stream-counts', 'a')).toBeNull();
    expect(await readModels.checkpoint('stream-counter')).toEqual(START);
    expect(fault).toEqual({ error: 'EventFailedError', code: 'Error', eventId: poison.eventId, position: 4 });
  });

  it('refuses to run on a log that ends before its checkpoint, as after restoring an older ledger', async () => {
    await appendSome(events, ['a'], 2);
    await readModels.applyBatch('stream-counter', 7, 0, async () => undefined);
    const counter = runner(streamCounter(), 50).start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(counter.status().fault).toMatchObject({
      error: 'CheckpointsAheadOfLogError',
      detail: expect.stringContaining('stream-counter at 7'),
    });
    expect(await readModels.checkpoint('stream-counter')).toBe(7);

    await appendSome(events, ['b'], 6);
    expect(
      await eventually(
        async () => counter.status().fault,
        (fault) => fault === null,
      ),
    ).toBeNull();
    await counter.stop();
  });

  it('tells a writer when the read model has applied its append', async () => {
    const counter = runner(streamCounter());
    await events.append('w', [newEvent({ type: 'Written', data: {} }, context)], { expectedRevision: 'any' });
    const written = await events.headPosition();
    expect(await readModels.applied('stream-counter', written, 100)).toBe(false);
    counter.start();
    expect(await readModels.applied('stream-counter', written)).toBe(true);
    expect(await readModels.get('stream-counts', 'w')).toMatchObject({ count: 1 });
    await counter.stop();
  });

  it('refuses the writes of a runner whose lease a newer one took over', async () => {
    const position = await events.headPosition();
    await readModels.takeOver('fenced', 1);
    await readModels.takeOver('fenced', 2);
    const stale = readModels.applyBatch('fenced', position, 1, (readModel) =>
      readModel.put('stream-counts', 'stale', { count: 1 }, position),
    );
    await expect(stale).rejects.toBeInstanceOf(LeaseLostError);
    await expect(readModels.takeOver('fenced', 1)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await readModels.get('stream-counts', 'stale')).toBeNull();
  });

  it('runs a reactor outside the read-model transaction, moves its checkpoint after each batch, and retries a failed batch', async () => {
    const seen: string[] = [];
    let failOnce = true;
    const reactor = {
      name: 'echo',
      async handle(event: RecordedEvent) {
        if (event.type === 'Flaky' && failOnce) {
          failOnce = false;
          throw new Error('the outside world is down');
        }
        // An effect that itself writes to the store: a reactor is not inside the checkpoint's transaction.
        if (event.streamId !== 'echoes')
          await events.append('echoes', [newEvent({ type: `Echo${event.type}`, data: {} }, context)], { expectedRevision: 'any' });
        seen.push(event.type);
      },
    };
    await appendSome(events, ['r'], 2);
    await events.append('r', [newEvent({ type: 'Flaky', data: {} }, context)], { expectedRevision: 'any' });
    const echo = runner(reactor, 50).start();
    await eventually(async () => seen.includes('Flaky'), Boolean);
    await echo.caughtUp();
    await echo.stop();
    expect(seen.filter((type) => type === 'Flaky')).toEqual(['Flaky']);
    expect((await events.readStream('echoes')).map((e) => e.type)).toEqual(expect.arrayContaining(['EchoE0', 'EchoE1', 'EchoFlaky']));
    expect(await readModels.checkpoint('echo')).toEqual(await events.headPosition());
  });

  it('hands a batch reactor whole batches in log order, retries a failed batch whole, and names its first event', async () => {
    const batches: string[][] = [];
    const failures: unknown[] = [];
    let failOnce = true;
    const reactor = {
      name: 'batcher',
      handle: () => Promise.reject(new Error('a batch reactor is handed batches')),
      async handleBatch(batch: readonly RecordedEvent[]) {
        if (failOnce) {
          failOnce = false;
          throw new Error('the broker is down');
        }
        batches.push(batch.map((event) => `${event.streamId}:${event.type}`));
      },
    };
    await appendSome(events, ['a', 'b'], 2);
    const [first] = await events.readAll({ maxCount: 1 });
    const batcher = new ProjectionRunner(events, readModels, lease, reactor, {
      leaseRetryMs: 50,
      onError: (_, error) => failures.push(error),
    }).start();
    await eventually(async () => batches.length, Boolean);
    await batcher.caughtUp();
    await batcher.stop();
    expect(batches.flat()).toEqual(['a:E0', 'a:E1', 'b:E0', 'b:E1']);
    expect(failures).toEqual([expect.objectContaining({ name: 'EventFailedError', place: { eventId: first.eventId, streamId: 'a' } })]);
    expect(await readModels.checkpoint('batcher')).toEqual(await events.headPosition());
  });
});

const server = testDatabaseAdapters().find((a) => a.name === 'postgres');
(server ? describe : describe.skip)('ProjectionRunner lease (server)', () => {
  it('lets exactly one of two runners be active, and the other take over when the first stops renewing its lease', async () => {
    const { db, url, close } = await server!.open();
    const first = new PostgresDatabase(url!);
    const second = new PostgresDatabase(url!);
    const events = await PostgresEventStore.create(db);
    const readModels = await PostgresReadModels.create(db);
    const runners = await Promise.all(
      [first, second].map(async (d) =>
        new ProjectionRunner(
          events,
          readModels,
          await PostgresProjectionLease.create(d, { ttlMs: 1000, holder: 'spec' }),
          streamCounter(),
          {
            leaseRetryMs: 200,
          },
        ).start(),
      ),
    );
    try {
      await appendSome(events, ['a'], 3);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(runners.filter((r) => r.isActive)).toHaveLength(1);
      const [active, standby] = runners[0].isActive ? runners : [runners[1], runners[0]];
      await active.caughtUp();

      // Its database gone, the active runner can no longer renew: as if its process had been frozen.
      await (active === runners[0] ? first : second).close();
      await appendSome(events, ['a'], 2);
      await standby.caughtUp();
      expect(standby.isActive).toBe(true);
      // It stops at its own deadline (no later than the expiry the other waited for), on a timer a busy machine may run late.
      expect(
        await eventually(
          async () => active.isActive,
          (isActive) => !isActive,
        ),
      ).toBe(false);
      // Fences are drawn by takeovers only (at most two at the racing start, one now), never by a standby's tries.
      const [{ fence }] = await db.query<{ fence: unknown }>(`select fence from projection_leases where projection = 'stream-counter'`);
      expect(Number(fence)).toBeLessThanOrEqual(3);
      expect(await readModels.get('stream-counts', 'a')).toMatchObject({ count: 5 });
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await Promise.all([first.close().catch(() => undefined), second.close().catch(() => undefined)]);
      await close();
    }
  });
});
