import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { migrate } from './migrate';

describe.each(testDatabaseAdapters())('migrations on $name', (adapter) => {
  it('apply a component’s statements once, and again only when they change', async () => {
    const { db, close } = await adapter.open();
    try {
      const counted = ['create table if not exists runs (n int)', 'insert into runs values (1)'];
      await migrate(db, 'counter', counted);
      await migrate(db, 'counter', counted);
      expect(await db.query('select count(*)::int as n from runs')).toEqual([{ n: 1 }]);
      await migrate(db, 'counter', [...counted, 'insert into runs values (2)']);
      expect(await db.query('select count(*)::int as n from runs')).toEqual([{ n: 3 }]);
    } finally {
      await close();
    }
  });
});

const server = testDatabaseAdapters().find((adapter) => adapter.name === 'postgres');
(server ? describe : describe.skip)('migrations on a server where other processes write', () => {
  it('lock no table of an applied component, so a process starting beside busy ones waits on none of their writes', async () => {
    const { db, close } = await server!.open();
    try {
      const schema = ['create table if not exists busy (n int)', 'create index if not exists busy_by_n on busy (n)'];
      await migrate(db, 'busy', schema);
      await db.transaction(async (tx) => {
        await tx.query('lock table busy in access exclusive mode');
        await migrate(db, 'busy', schema); // on another connection: `create index if not exists` would wait on the lock for ever
      });
    } finally {
      await close();
    }
  }, 20_000);
});
