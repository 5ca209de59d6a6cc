import { randomUUID } from 'node:crypto';
import { PostgresDatabase, type SqlExecutor } from '@privacy-ledger/sql';
import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { event, eventStoreContract } from '../event-store.contract';
import { START, type RecordedEvent } from '../event-store.port';
import { verifyChain } from '../hash-chain';
import { PositionsBlockedError } from '../errors';
import { POSITION_LOCK } from './ledger-schema';
import { PostgresEventStore } from './postgres-event-store';

describe.each(testDatabaseAdapters())('PostgresEventStore on $name', (adapter) => {
  describe('contract', () => {
    eventStoreContract(async () => {
      const opened = await adapter.open();
      return { store: await PostgresEventStore.create(opened.db), close: opened.close };
    });
  });

  describe('positions', () => {
    it('gives a ledger from before positions its old order, and moves the checkpoints beside it to the events they reached', async () => {
      const { db, close } = await adapter.open();
      await db.query(`create table ledger_events (
        sequence bigserial primary key, transaction_id xid8 not null default pg_current_xact_id(), stream_id text not null,
        revision integer not null, event_id uuid not null unique, type text not null, schema_version integer not null,
        data text not null, personal bytea, metadata text not null, previous_hash text not null, hash text not null,
        unique (stream_id, revision))`);
      await db.query(`create table projection_checkpoints (projection text primary key, commit_position bigint not null,
        sequence_position bigint not null, updated_at timestamptz not null default now(), fence bigint not null default 0)`);
      // Sequence order (insertion) and transaction order (the old commit order) differ on purpose.
      for (const [stream, xid] of [
        ['third', 30],
        ['first', 10],
        ['second', 20],
      ] as const) {
        await db.query(
          `insert into ledger_events
             (transaction_id, stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash)
           values ($1::text::xid8, $2, 0, $3, 'Old', 1, '{}', '{}', '', '')`,
          [String(xid), stream, randomUUID()],
        );
      }
      await db.query(`insert into projection_checkpoints (projection, commit_position, sequence_position) values ('reader', 20, 3)`);

      const store = await PostgresEventStore.create(db);
      await store.append('fourth', [event('New')], { expectedRevision: 'no_stream' });
      expect((await store.readAll()).map((e) => [e.streamId, e.position])).toEqual([
        ['first', 1],
        ['second', 2],
        ['third', 3],
        ['fourth', 4],
      ]);
      const checkpoints = await db.query<{ projection: string; position: unknown }>(
        'select projection, position from projection_checkpoints',
      );
      expect(checkpoints.map((row) => [row.projection, Number(row.position)])).toEqual([['reader', 2]]);
      await close();
    });
  });

  describe('hash chain', () => {
    it('verifies intact and detects a changed stored byte', async () => {
      const { db, close } = await adapter.open();
      const store = await PostgresEventStore.create(db);
      const id = `chain-${randomUUID()}`;
      await store.append(id, [event('A', new Uint8Array([9, 9])), event('B'), event('C')], { expectedRevision: 'no_stream' });
      expect(verifyChain(await store.readSealed(id))).toEqual([]);
      await db.query(`update ledger_events set personal = '\\x0909ff'::bytea where stream_id = $1 and revision = 0`, [id]);
      expect(verifyChain(await store.readSealed(id))).toEqual([{ streamId: id, revision: 0, reason: 'hash mismatch' }]);
      await close();
    });

    it('stays one unbroken chain when two processes, each with its own cached heads, append to the same streams', async () => {
      const { db, close } = await adapter.open();
      const [one, two] = [await PostgresEventStore.create(db), new PostgresEventStore(db)];
      const ids = [`shared-${randomUUID()}`, `shared-${randomUUID()}`];
      for (let round = 0; round < 5; round++) {
        await Promise.all(
          ids.flatMap((id) => [one, two].map((store) => store.append(id, [event(), event()], { expectedRevision: 'any' }))),
        );
      }
      await one.append(ids[0], [event()], { expectedRevision: 'any' });
      await expect(two.append(ids[0], [event()], { expectedRevision: 19 })).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        actual: 20,
      });
      await expect(two.append(ids[0], [event()], { expectedRevision: 20 })).resolves.toMatchObject({ nextExpectedRevision: 21 });
      for (const id of ids) {
        const sealed = await one.readSealed(id);
        expect(verifyChain(sealed)).toEqual([]);
        expect(sealed.map((e) => e.revision)).toEqual(sealed.map((_, i) => i));
      }
      await close();
    });
  });
});

const server = testDatabaseAdapters().find((a) => a.name === 'postgres');
const onServer = server ? describe : describe.skip;

onServer('PostgresEventStore with transactions committing out of order (server)', () => {
  /** Runs `work` inside a transaction on its own connection that stays open until the returned release is called. */
  async function holdTransaction(url: string, work: (tx: SqlExecutor) => Promise<void>): Promise<() => Promise<void>> {
    const holder = new PostgresDatabase(url, 1);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const workDone = new Promise<void>((resolve) => (started = resolve));
    const held = holder.transaction(async (tx) => {
      await work(tx);
      started();
      await released;
    });
    await workDone;
    return async () => {
      release();
      await held;
      await holder.close();
    };
  }

  it("delivers what has committed past a longer transaction, and that one's events once it commits, none skipped", async () => {
    const { db, url, close } = await server!.open();
    const store = await PostgresEventStore.create(db);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: START, onBatch: async (events) => void seen.push(...events) });
    try {
      const commitEarly = await holdTransaction(url!, (tx) =>
        new PostgresEventStore(tx).append('held', [event('Early')], { expectedRevision: 'no_stream' }).then(() => undefined),
      );
      await store.append('later', [event('Later')], { expectedRevision: 'no_stream' });
      await subscription.caughtUp();
      expect(seen.map((e) => e.type)).toEqual(['Later']);

      await commitEarly();
      await subscription.caughtUp();
      expect(seen.map((e) => e.type)).toEqual(['Later', 'Early']);
      const all = await store.readAll();
      expect(all.map((e) => [e.type, e.position])).toEqual([
        ['Later', 1],
        ['Early', 2],
      ]);
    } finally {
      await subscription.stop();
      await close();
    }
  });

  it('is not held back by a transaction that does not write to the ledger, in its database or another', async () => {
    const ledger = await server!.open();
    const other = await server!.open();
    const store = await PostgresEventStore.create(ledger.db);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: START, onBatch: async (events) => void seen.push(...events) });
    const writeSomething = async (tx: SqlExecutor) => {
      await tx.query('create table elsewhere (id int)');
      await tx.query('insert into elsewhere values (1)');
    };
    const commitHere = await holdTransaction(ledger.url!, writeSomething);
    const commitThere = await holdTransaction(other.url!, writeSomething);
    try {
      await store.append('meanwhile', [event('Meanwhile')], { expectedRevision: 'no_stream' });
      await subscription.caughtUp();
      expect(seen.map((e) => e.type)).toEqual(['Meanwhile']);
    } finally {
      await commitHere();
      await commitThere();
      await subscription.stop();
      await ledger.close();
      await other.close();
    }
  });

  it('names the backend that holds the lock on positions, instead of waiting behind it for ever', async () => {
    const { db, url, close } = await server!.open();
    const store = await PostgresEventStore.create(db);
    const blocker = new PostgresDatabase(url!, 1, 'the-blocker');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const held = blocker.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1, $2)', [POSITION_LOCK.classid, POSITION_LOCK.objid]);
      locked();
      await released;
    });
    try {
      await holding;
      const refusal = await store.headPosition().catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(PositionsBlockedError);
      expect((refusal as PositionsBlockedError).blockedBy).toMatch(/^pid \d+ \(the-blocker\), in its transaction for \d+ s$/);
    } finally {
      release();
      await held;
      await blocker.close();
      await close();
    }
  }, 30_000);
});
