import { randomUUID } from 'node:crypto';
import { newEvent, PostgresEventStore, type JsonObject, type RecordedEvent } from '@privacy-ledger/ledger';
import { PostgresDatabase, type SqlDatabase } from '@privacy-ledger/sql';
import { eventually, testDatabaseAdapters } from '@privacy-ledger/testing';
import { PostgresReadModels } from './postgres/postgres-read-models';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

const context = { correlationId: randomUUID(), causationId: null, actor: 'test' };

/** Counts events per stream and keeps the latest sealed personal part as it came, still encrypted. */
function streamCounter(poison?: string): Projection {
  return {
    name: 'stream-counter',
    collections: ['stream-counts'],
    async apply(event: RecordedEvent, readModel) {
      if (event.type === poison) throw new Error('poisoned event');
      const current = (await readModel.get<JsonObject>('stream-counts', event.streamId)) ?? { count: 0 };
      await readModel.put('stream-counts', event.streamId, {
        count: Number(current.count) + 1,
        lastType: event.type,
        personal: event.personal ? Buffer.from(event.personal).toString('base64') : (current.personal ?? null),
      });
    },
  };
}

async function appendSome(store: PostgresEventStore, streams: string[], perStream: number): Promise<void> {
  for (const stream of streams)
    for (let i = 0; i < perStream; i++)
      await store.append(stream, [newEvent({ type: `E${i}`, data: { i }, personal: new Uint8Array([1, i]) }, context)], { expectedRevision: 'any' });
}

async function snapshot(db: SqlDatabase): Promise<unknown[]> {
  return db.query(`select id, document from read_models where collection = 'stream-counts' order by id`);
}

describe.each(testDatabaseAdapters())('ProjectionRunner on $name', (adapter) => {
  let db: SqlDatabase;
  let close: () => Promise<void>;
  let store: PostgresEventStore;
  let readModels: PostgresReadModels;

  beforeEach(async () => {
    ({ db, close } = await adapter.open());
    store = await PostgresEventStore.create(db);
    readModels = await PostgresReadModels.create(db);
  });
  afterEach(() => close());

  it('feeds the read model from history and live appends, checkpointing as it goes', async () => {
    await appendSome(store, ['a', 'b'], 3);
    const runner = new ProjectionRunner(db, store, readModels, streamCounter()).start();
    await runner.caughtUp();
    await appendSome(store, ['a', 'c'], 2);
    await runner.caughtUp();
    await runner.stop();
    expect(await readModels.get('stream-counts', 'a')).toMatchObject({ count: 5, lastType: 'E1' });
    expect((await readModels.list('stream-counts', { where: { count: 2 } })).length).toBe(1);
    expect(await readModels.checkpoint(db, 'stream-counter')).toEqual(await store.headPosition());
  });

  it('rebuilds from position zero into exactly the same read model', async () => {
    await appendSome(store, ['a', 'b', 'c'], 4);
    const runner = new ProjectionRunner(db, store, readModels, streamCounter()).start();
    await runner.caughtUp();
    const before = await snapshot(db);
    await db.query(`update read_models set document = '{"count": -1}' where id = 'a'`);
    await runner.rebuild();
    await runner.stop();
    expect(await snapshot(db)).toEqual(before);
    expect(before).toHaveLength(3);
  });

  it('writes nothing of a batch, not even its checkpoint, when applying it fails', async () => {
    await appendSome(store, ['a'], 3);
    await store.append('a', [newEvent({ type: 'Poison', data: {} }, context)], { expectedRevision: 'any' });
    const runner = new ProjectionRunner(db, store, readModels, streamCounter('Poison'), { leaseRetryMs: 50 }).start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await runner.stop();
    expect(await readModels.get('stream-counts', 'a')).toBeNull();
    expect(await readModels.checkpoint(db, 'stream-counter')).toEqual({ commit: 0, sequence: 0 });
  });

  it('tells a writer when the read model has applied its append', async () => {
    const runner = new ProjectionRunner(db, store, readModels, streamCounter());
    const written = await store.append('w', [newEvent({ type: 'Written', data: {} }, context)], { expectedRevision: 'any' });
    expect(await readModels.applied('stream-counter', written.position, 100)).toBe(false);
    runner.start();
    expect(await readModels.applied('stream-counter', written.position)).toBe(true);
    expect(await readModels.get('stream-counts', 'w')).toMatchObject({ count: 1 });
    await runner.stop();
  });

  it('runs a reactor outside the read-model transaction, moves its checkpoint after each batch, and retries a failed batch', async () => {
    const seen: string[] = [];
    let failOnce = true;
    const reactor = {
      name: 'echo',
      async react(event: RecordedEvent) {
        if (event.type === 'Flaky' && failOnce) {
          failOnce = false;
          throw new Error('the outside world is down');
        }
        // An effect that itself writes to the store: a reactor is not inside the checkpoint's transaction.
        if (event.streamId !== 'echoes') await store.append('echoes', [newEvent({ type: `Echo${event.type}`, data: {} }, context)], { expectedRevision: 'any' });
        seen.push(event.type);
      },
    };
    await appendSome(store, ['r'], 2);
    await store.append('r', [newEvent({ type: 'Flaky', data: {} }, context)], { expectedRevision: 'any' });
    const runner = new ProjectionRunner(db, store, readModels, reactor, { leaseRetryMs: 50 }).start();
    await eventually(async () => seen.includes('Flaky'), Boolean);
    await runner.caughtUp();
    await runner.stop();
    expect(seen.filter((type) => type === 'Flaky')).toEqual(['Flaky']);
    expect((await store.readStream('echoes')).map((e) => e.type)).toEqual(expect.arrayContaining(['EchoE0', 'EchoE1', 'EchoFlaky']));
    expect(await readModels.checkpoint(db, 'echo')).toEqual(await store.headPosition());
  });
});

const server = testDatabaseAdapters().find((a) => a.name === 'postgres');
(server ? describe : describe.skip)('ProjectionRunner lease (server)', () => {
  it('lets exactly one of two runners be active, and the other take over when the first dies', async () => {
    const { db, url, close } = await server!.open();
    const first = new PostgresDatabase(url!);
    const second = new PostgresDatabase(url!);
    const store = await PostgresEventStore.create(db);
    const readModels = await PostgresReadModels.create(db);
    const runners = [first, second].map((d) => new ProjectionRunner(d, store, readModels, streamCounter(), { leaseRetryMs: 200 }).start());
    try {
      await appendSome(store, ['a'], 3);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(runners.filter((r) => r.isActive)).toHaveLength(1);
      const [active, standby] = runners[0].isActive ? runners : [runners[1], runners[0]];
      await active.caughtUp();

      await db.query(`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and pid <> pg_backend_pid()`);
      await appendSome(store, ['a'], 2);
      await standby.caughtUp();
      expect(standby.isActive).toBe(true);
      expect(await readModels.get('stream-counts', 'a')).toMatchObject({ count: 5 });
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await Promise.all([first.close(), second.close()]);
      await close();
    }
  });
});
