import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { migrate } from './migrate';

describe.each(testDatabaseAdapters())('migrations on $name', (adapter) => {
  it('run every statement at each start, but an index or a column that is there already', async () => {
    const { db, close } = await adapter.open();
    try {
      const schema = [
        'create table if not exists runs (n int)',
        'create index if not exists runs_by_n on runs (n)',
        'alter table runs add column if not exists at int',
        'insert into runs values (1)',
      ];
      await migrate(db, 'counter', schema);
      await migrate(db, 'counter', schema);
      expect(await db.query('select count(*)::int as n from runs')).toEqual([{ n: 2 }]);
      expect(await db.query(`select to_regclass('runs_by_n') is not null as there`)).toEqual([{ there: true }]);
    } finally {
      await close();
    }
  });
});

const server = testDatabaseAdapters().find((adapter) => adapter.name === 'postgres');
(server ? describe : describe.skip)('migrations on a server where other processes write', () => {
  it('lock no table whose index and columns are in place, so a process starting beside busy ones waits on none', async () => {
    const { db, close } = await server!.open();
    try {
      const schema = [
        'create table if not exists busy (n int)',
        'create index if not exists busy_by_n on busy (n)',
        'alter table busy add column if not exists at int',
      ];
      await migrate(db, 'busy', schema);
      await db.transaction(async (tx) => {
        await tx.query('lock table busy in access exclusive mode');
        await migrate(db, 'busy', schema); // on another connection: either statement would wait on the lock for ever
      });
    } finally {
      await close();
    }
  }, 20_000);
});
