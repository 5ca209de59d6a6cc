/**
 * `npm run bench`: the ledger's append and replay rates against a raw INSERT baseline, all in one run on
 * one database (PGlite in a temporary directory by default, a scratch database on DATABASE_URL's server).
 * Every event carries a personal part encrypted under its subject's key.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring, keysFromConfiguration } from '@privacy-ledger/keyring';
import { openDatabase, type SqlDatabase } from '@privacy-ledger/sql';
import { createScratchDatabase } from '@privacy-ledger/testing';
import { newEvent, PostgresEventStore, START } from '@privacy-ledger/ledger';



const STREAMS = 100;
const WRITERS = 10;
const server = process.env.DATABASE_URL;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? (server ? 2000 : 1000));
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? (server ? 10000 : 3000));
const context = { correlationId: randomUUID(), causationId: null, actor: 'bench' };
const personal = { name: 'Bench Person', email: 'bench@example.test', phone: '+31 20 123 4567' };

async function rate(count: number, work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** `WRITERS` workers share `count` jobs. */
async function concurrently(count: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

async function main(): Promise<void> {
  const scratch = server ? await createScratchDatabase(server) : undefined;
  const db: SqlDatabase = await openDatabase({ databaseUrl: scratch?.url, dataDir: scratch ? undefined : mkdtempSync(join(tmpdir(), 'ledger-bench-')), poolSize: WRITERS });
  try {
    const store = await PostgresEventStore.create(db);
    const keyring = await Keyring.create(db, keysFromConfiguration(JSON.stringify({ 1: randomBytes(32).toString('base64') })));
    const subject = (stream: number) => ({ subjectId: `bench-subject-${stream}`, accountId: `bench-account-${stream}` });
    const event = async (stream: number) =>
      newEvent({ type: 'BenchEventRecorded', data: { stream, at: Date.now() }, personal: await keyring.encrypt(subject(stream), personal) }, context);
    const sample = await event(0);
    await db.query(`create table bench_raw_events (like ledger_events including all)`);

    const sequential = await rate(SEQUENTIAL, async () => {
      for (let i = 0; i < SEQUENTIAL; i++) await store.append('bench-sequential', [await event(0)], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
    });
    const concurrent = await rate(CONCURRENT, () => concurrently(CONCURRENT, async (i) => void (await store.append(`bench-${i % STREAMS}`, [await event(i % STREAMS)], { expectedRevision: 'any' }))));
    const raw = await rate(CONCURRENT, () =>
      concurrently(CONCURRENT, async (i) => {
        await db.query(
          `insert into bench_raw_events (stream_id, revision, event_id, type, schema_version, data, personal, metadata, previous_hash, hash)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [`raw-${i % STREAMS}`, Math.floor(i / STREAMS), randomUUID(), sample.type, 1, JSON.stringify(sample.data), sample.personal, JSON.stringify(sample.metadata), '0'.repeat(64), '0'.repeat(64)],
        );
      }),
    );
    let replayed = 0;
    const replay = await rate(SEQUENTIAL + CONCURRENT, async () => {
      let after = START;
      for (;;) {
        const batch = await store.readAll({ after, maxCount: 2000 });
        if (batch.length === 0) break;
        for (const recorded of batch) if (recorded.personal && (await keyring.decrypt(recorded.personal)).status === 'ok') replayed++;
        after = batch[batch.length - 1].position;
      }
    });
    if (replayed !== SEQUENTIAL + CONCURRENT) throw new Error(`replay decrypted ${replayed} events, expected ${SEQUENTIAL + CONCURRENT}`);
    await keyring.close();

    const line = (label: string, value: number) => console.log(`${label.padEnd(58)} ${value.toFixed(0).padStart(8)} /s`);
    console.log(`database: ${db.kind}${server ? ' server' : ' (embedded)'}; ${WRITERS} concurrent writers, ${STREAMS} streams`);
    line(`append, one stream, sequential (${SEQUENTIAL} events)`, sequential);
    line(`append, ${STREAMS} streams, concurrent writers (${CONCURRENT} events)`, concurrent);
    line(`raw INSERT, same rows, same writers (${CONCURRENT} rows)`, raw);
    line(`replay: read all in batches and decrypt (${replayed} events)`, replay);
    console.log(`append/raw ratio: ${(concurrent / raw).toFixed(2)}`);
  } finally {
    await db.close();
    await scratch?.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
