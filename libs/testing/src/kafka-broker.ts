import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { PostgresDatabase } from '@privacy-ledger/sql';

/**
 * The brokers KAFKA_BROKERS names (the stack's broker). CI must have them: a missing broker there would turn the
 * messaging suites into skips. Elsewhere their absence skips those suites, said once per suite.
 */
export function serverKafkaBrokers(suite: string): string[] | undefined {
  const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean) ?? [];
  if (brokers.length > 0) return brokers;
  if (process.env.CI === 'true') throw new Error('CI=true requires KAFKA_BROKERS: the messaging suites must run in CI');
  console.log(`KAFKA_BROKERS is not set (eval "$(npm run -s stack:up)" sets it): ${suite} is skipped.`);
  return undefined;
}

/** A topic prefix no other run uses, so runs side by side never share topics. */
export function uniqueTopicPrefix(): string {
  return `test-${Date.now()}-${randomBytes(4).toString('hex')}.`;
}

/** Deletes every topic whose name starts with `prefix`: what a run created. */
export async function deleteTopicsStartingWith(brokers: readonly string[], prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'test-cleanup', brokers: [...brokers], connectionTimeout: 3000, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/**
 * The broker's data directory: KAFKA_LOG_DIRS as the stack prints it, or where the stack keeps it by default
 * (under PRIVACY_LEDGER_STACK_DIR). A broker elsewhere has its files out of reach: the scan cannot run then.
 */
export function kafkaLogDir(): string {
  const dir = process.env.KAFKA_LOG_DIRS ?? join(process.env.PRIVACY_LEDGER_STACK_DIR ?? '/var/tmp/privacy-ledger-stack', 'kafka', 'data');
  if (!existsSync(dir)) throw new Error(`no Kafka data directory at ${dir}: set KAFKA_LOG_DIRS to the broker's log.dirs`);
  return dir;
}

/** The partition directories of a topic (`<topic>-<partition>`), whose .log segment files hold what the broker retains. */
export function topicPartitionDirs(topic: string): string[] {
  const dir = kafkaLogDir();
  return readdirSync(dir)
    .filter((entry) => entry.startsWith(`${topic}-`) && /^\d+$/.test(entry.slice(topic.length + 1)))
    .map((entry) => join(dir, entry));
}

/** What a relay must have published: the ledger's events of these types, in log order, read straight from its table. */
export async function ledgerEventsOfTypes(
  databaseUrl: string,
  types: readonly string[],
): Promise<{ streamId: string; position: number }[]> {
  const db = new PostgresDatabase(databaseUrl);
  try {
    // Positions are given after commit, before each read of the ledger: give them, as a read through the adapter would.
    await db.query('select ledger_assign_positions()');
    const rows = await db.query<{ stream_id: string; position: string }>(
      'select stream_id, position from ledger_events where type = any($1) order by position',
      [types],
    );
    return rows.map((row) => ({ streamId: row.stream_id, position: Number(row.position) }));
  } finally {
    await db.close();
  }
}
