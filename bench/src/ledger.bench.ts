/**
 * `npm run bench`: the ledger's append and replay rates against a raw INSERT baseline, all in one run on
 * one database (PGlite in a temporary directory by default, a scratch database on DATABASE_URL's server).
 * Every event carries a personal part encrypted under its subject's key.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryKekStore, SqlKeyring } from '@privacy-ledger/keyring';
import { openDatabase, type SqlDatabase } from '@privacy-ledger/sql';
import { createScratchDatabase } from '@privacy-ledger/testing';
import { newEvent, PostgresEventStore, sealedPartOf, START, type NewEvent } from '@privacy-ledger/ledger';

const STREAMS = 100;
const WRITERS = 10;
const REPLAY_BATCH = 5000;
const REPLAY_PASSES = 3;
/** Append and raw insert alternate in this many rounds. */
const ROUNDS = 4;
const server = process.env.DATABASE_URL;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? (server ? 2000 : 1000));
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? (server ? 10000 : 3000));
const context = { correlationId: randomUUID(), causationId: null, actor: 'bench', occurredAt: new Date(0).toISOString() };
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
  const db: SqlDatabase = await openDatabase({
    databaseUrl: scratch?.url,
    dataDir: scratch ? undefined : mkdtempSync(join(tmpdir(), 'ledger-bench-')),
    poolSize: WRITERS,
  });
  try {
    const store = await PostgresEventStore.create(db);
    const keyring = await SqlKeyring.create(db, 'bench', new InMemoryKekStore(), randomBytes(32));
    const subject = (stream: number) => ({ subjectId: `bench-subject-${stream}`, accountId: `bench-account-${stream}` });
    const event = async (stream: number, streamId: string) => {
      const eventId = randomUUID();
      const sealed = await keyring.encrypt(subject(stream), personal, { streamId, eventId });
      return newEvent({ eventId, type: 'BenchEventRecorded', data: { stream, at: Date.now() }, personal: sealed }, context);
    };
    await db.query(`create table bench_raw_events (like ledger_events including all)`);

    // Events are made, personal parts encrypted, before the clocks for appends start: the ratio compares
    // storing the same rows, and encryption has a line of its own.
    const sequentialEvents: NewEvent[] = [];
    const concurrentEvents: NewEvent[] = [];
    const encryption = await rate(SEQUENTIAL + CONCURRENT, async () => {
      for (let i = 0; i < SEQUENTIAL; i++) sequentialEvents.push(await event(0, 'bench-sequential'));
      for (let i = 0; i < CONCURRENT; i++) concurrentEvents.push(await event(i % STREAMS, `bench-${i % STREAMS}`));
    });
    const sequential = await rate(SEQUENTIAL, async () => {
      for (let i = 0; i < SEQUENTIAL; i++)
        await store.append('bench-sequential', [sequentialEvents[i]], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
    });
    // Appends and raw inserts take turns, round by round, so that drift in a shared machine's load
    // (or a warming server) weighs on both sides of the ratio alike.
    const appendJob = async (i: number) =>
      void (await store.append(`bench-${i % STREAMS}`, [concurrentEvents[i]], { expectedRevision: 'any' }));
    const rawJob = async (i: number) => {
      const { eventId, type, schemaVersion, data, personal: sealed, metadata } = concurrentEvents[i];
      await db.query(
        `insert into bench_raw_events (stream_id, revision, event_id, type, schema_version, data, personal, metadata, previous_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          `raw-${i % STREAMS}`,
          Math.floor(i / STREAMS),
          eventId,
          type,
          schemaVersion,
          JSON.stringify(data),
          sealed,
          JSON.stringify(metadata),
          '0'.repeat(64),
          '0'.repeat(64),
        ],
        // Prepared, as the ledger's append is: the comparison is of the work, not of the planning.
        { prepare: 'bench_raw_insert' },
      );
    };
    const seconds = { append: 0, raw: 0 };
    const perRound = CONCURRENT / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      const from = round * perRound;
      const turns = [
        ['append', appendJob],
        ['raw', rawJob],
      ] as const;
      for (const [side, job] of round % 2 === 0 ? turns : [...turns].reverse()) {
        seconds[side] += perRound / (await rate(perRound, () => concurrently(perRound, (i) => job(from + i))));
      }
    }
    const concurrent = CONCURRENT / seconds.append;
    const raw = CONCURRENT / seconds.raw;
    let replayed = 0;
    // Whole passes over the log, the next batch read while the current one is decrypted, as a projection
    // rebuild would; several passes so that a rebuild's steady rate is measured, not the JIT's warm-up alone.
    const replay = await rate(REPLAY_PASSES * (SEQUENTIAL + CONCURRENT), async () => {
      for (let pass = 0; pass < REPLAY_PASSES; pass++) {
        let batch = await store.readAll({ after: START, maxCount: REPLAY_BATCH });
        while (batch.length > 0) {
          const next = store.readAll({ after: batch[batch.length - 1].position, maxCount: REPLAY_BATCH });
          const parts = await keyring.decryptMany(batch.flatMap((recorded) => sealedPartOf(recorded) ?? []));
          replayed += parts.filter((part) => part.status === 'ok').length;
          batch = await next;
        }
      }
    });
    if (replayed !== REPLAY_PASSES * (SEQUENTIAL + CONCURRENT))
      throw new Error(`replay decrypted ${replayed} events, expected ${REPLAY_PASSES * (SEQUENTIAL + CONCURRENT)}`);
    await keyring.close();

    const line = (label: string, value: number) => console.log(`${label.padEnd(58)} ${value.toFixed(0).padStart(8)} /s`);
    console.log(`database: ${db.kind}${server ? ' server' : ' (embedded)'}; ${WRITERS} concurrent writers, ${STREAMS} streams`);
    line(`encrypt the personal part of an event (${SEQUENTIAL + CONCURRENT} events)`, encryption);
    line(`append, one stream, sequential (${SEQUENTIAL} events)`, sequential);
    line(`append, ${STREAMS} streams, concurrent writers (${CONCURRENT} events)`, concurrent);
    line(`raw INSERT (prepared), same rows, same writers (${CONCURRENT} rows)`, raw);
    line(`replay: read all in batches and decrypt (${REPLAY_PASSES} passes of ${SEQUENTIAL + CONCURRENT} events)`, replay);
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
