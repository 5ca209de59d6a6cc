import { randomUUID } from 'node:crypto';
import { PostgresDatabase } from '@privacy-ledger/sql';
import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { event, eventStoreContract } from '../event-store.contract';
import { START, type RecordedEvent } from '../event-store.port';
import { verifyChain } from '../hash-chain';
import { PostgresEventStore } from './postgres-event-store';

describe.each(testDatabaseAdapters())('PostgresEventStore on $name', (adapter) => {
  describe('contract', () => {
    eventStoreContract(async () => {
      const opened = await adapter.open();
      return { store: await PostgresEventStore.create(opened.db), close: opened.close };
    });
  });

  describe('commit order', () => {
    it('orders by transaction id as a number, also where its decimal digits grow (sorting it as text would not)', async () => {
      const { db, close } = await adapter.open();
      const store = await PostgresEventStore.create(db);
      const [{ xid }] = await db.query<{ xid: string }>('select pg_current_xact_id()::text as xid');
      const toNextPowerOfTen = 10 ** xid.length - Number(xid);
      if (toNextPowerOfTen < 3000) {
        for (let i = 0; i < toNextPowerOfTen + 3; i++) await store.append('digits', [event()], { expectedRevision: 'any' });
        const all = await store.readAll({ maxCount: 10000 });
        expect(all.map((e) => e.revision)).toEqual(all.map((_, i) => i));
      }
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
  it('never lets a subscriber pass an append whose transaction commits later', async () => {
    const { db, url, close } = await server!.open();
    const store = await PostgresEventStore.create(db);
    const holder = new PostgresDatabase(url!, 1);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ after: START, onBatch: async (events) => void seen.push(...events) });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    try {
      let heldAppended!: () => void;
      const appendedInHeldTransaction = new Promise<void>((resolve) => (heldAppended = resolve));
      const held = holder.transaction(async (tx) => {
        await new PostgresEventStore(tx).append('held', [event('Early')], { expectedRevision: 'no_stream' });
        heldAppended();
        await released;
      });
      await appendedInHeldTransaction;
      await store.append('later', [event('Later')], { expectedRevision: 'no_stream' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(seen.map((e) => e.type)).toEqual([]);

      release();
      await held;
      await subscription.caughtUp();
      expect(seen.map((e) => e.type)).toEqual(['Early', 'Later']);
      const all = await store.readAll();
      expect(all.map((e) => e.type)).toEqual(['Early', 'Later']);
    } finally {
      release();
      await subscription.stop();
      await holder.close();
      await close();
    }
  });
});
