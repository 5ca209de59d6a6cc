import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { PostgresDatabase, type SqlDatabase } from '@privacy-ledger/sql';
import { eventually, startSecondCluster, testDatabaseAdapters, type SecondCluster } from '@privacy-ledger/testing';
import { event } from '../event-store.contract';
import { START, type Position, type RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';

const server = testDatabaseAdapters().find((a) => a.name === 'postgres');
const onServer = server ? describe : describe.skip;

/** Everything after `after`, as one subscriber sees it until it has caught up. */
async function subscriberSees(store: PostgresEventStore, after: Position): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const subscription = store.subscribeToAll({ after, batchSize: 2, onBatch: async (events) => void seen.push(...events) });
  await subscription.caughtUp();
  await subscription.stop();
  return seen;
}

async function createDatabase(maintenanceUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

onServer('positions across a move to a brand-new cluster (server)', () => {
  let cluster: SecondCluster;
  beforeAll(async () => void (cluster = await startSecondCluster('-c wal_level=logical')), 120_000);
  afterAll(() => cluster?.remove());

  it('keep increasing after a pg_dump restore: a subscriber from before and one from after see every event once, in order', async () => {
    const source = await server!.open();
    let restored: SqlDatabase | undefined;
    try {
      const old = await PostgresEventStore.create(source.db);
      for (const stream of ['a', 'b', 'c']) await old.append(stream, [event(`Old-${stream}`)], { expectedRevision: 'no_stream' });
      const before = await subscriberSees(old, START);
      const checkpoint = before[before.length - 1].position;

      const dump = execFileSync('pg_dump', ['--format=custom', source.url!], { maxBuffer: 64 * 1024 * 1024 });
      const targetUrl = await createDatabase(cluster.url, 'restored_ledger');
      execFileSync('pg_restore', ['--no-owner', `--dbname=${targetUrl}`], { input: dump });
      restored = new PostgresDatabase(targetUrl);
      const moved = await PostgresEventStore.create(restored);
      for (const stream of ['a', 'd']) await moved.append(stream, [event(`New-${stream}`)], { expectedRevision: 'any' });

      expect(before.map((e) => e.type)).toEqual(['Old-a', 'Old-b', 'Old-c']);
      expect((await subscriberSees(moved, checkpoint)).map((e) => e.type)).toEqual(['New-a', 'New-d']);
      const after = await subscriberSees(moved, START);
      expect(after.map((e) => e.type)).toEqual(['Old-a', 'Old-b', 'Old-c', 'New-a', 'New-d']);
      expect(after.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await restored?.close();
      await source.close();
    }
  }, 120_000);

  it('keep increasing after a move by logical replication, also for events that had no position yet', async () => {
    const publisherUrl = await createDatabase(cluster.url, 'replicated_ledger');
    const publisher = new PostgresDatabase(publisherUrl);
    const target = await server!.open();
    const rowsOnTarget = (where: string, expected: number) =>
      eventually(
        async () => Number((await target.db.query<{ n: unknown }>(`select count(*) as n from ledger_events where ${where}`))[0].n),
        (n) => n === expected,
      );
    try {
      const old = await PostgresEventStore.create(publisher);
      for (const stream of ['a', 'b', 'c']) await old.append(stream, [event(`Old-${stream}`)], { expectedRevision: 'no_stream' });
      await publisher.query('create publication ledger_move for table ledger_events');
      await PostgresEventStore.create(target.db);
      await target.db.query(`create subscription ledger_move connection '${publisherUrl}' publication ledger_move`);
      const before = await subscriberSees(old, START);
      await old.append('b', [event('Unpositioned-b')], { expectedRevision: 'any' });
      expect(await rowsOnTarget('true', 4)).toBe(4);
      expect(await rowsOnTarget('position is not null', 3)).toBe(3);

      await target.db.query('drop subscription ledger_move');
      const moved = await PostgresEventStore.create(target.db);
      await moved.append('d', [event('New-d')], { expectedRevision: 'no_stream' });

      expect(before.map((e) => e.type)).toEqual(['Old-a', 'Old-b', 'Old-c']);
      const resumed = await subscriberSees(moved, before[before.length - 1].position);
      expect(resumed.map((e) => e.type)).toEqual(['Unpositioned-b', 'New-d']);
      const after = await subscriberSees(moved, START);
      expect(after.map((e) => [e.type, e.position])).toEqual([
        ['Old-a', 1],
        ['Old-b', 2],
        ['Old-c', 3],
        ['Unpositioned-b', 4],
        ['New-d', 5],
      ]);
    } finally {
      await target.db.query('drop subscription if exists ledger_move').catch(() => undefined);
      await publisher.close();
      await target.close();
    }
  }, 120_000);
});
