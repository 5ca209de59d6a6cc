import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SqlAttemptThrottle, SqlSessionRevocations } from '@privacy-ledger/auth';
import { systemClock } from '@privacy-ledger/clock';
import { BlindIndex, closeEpochsWhenDue, FileKekStore, SqlKeyring, SqlUniqueClaims } from '@privacy-ledger/keyring';
import { EventTypeRegistry, PostgresEventStore } from '@privacy-ledger/ledger';
import { NodemailerMailer, type Mailer } from '@privacy-ledger/mail';
import { developmentSecret, type Platform, type RuntimeConfig } from '@privacy-ledger/platform';
import { PostgresProjectionLease, PostgresReadModels } from '@privacy-ledger/projections';
import { PGliteDatabase, PostgresDatabase, type SqlDatabase } from '@privacy-ledger/sql';
import { lockDataDirectory } from './data-dir-lock';

type Warn = (message: string) => void;

/** One keyring owner, and so one KEK, for every service of a process: keys are not yet kept apart by service. */
const KEYRING_OWNER = 'ledger';

/** The one place that picks adapters: embedded PGlite without DATABASE_URL, the PostgreSQL server with it. */
export function openPlatform(config: RuntimeConfig, warn: Warn): Promise<Platform> {
  return config.databaseUrl ? composeServer(config, config.databaseUrl, warn) : composeEmbedded(config, warn);
}

/** Embedded: PGlite in the data directory, locked against a second process; development secrets beside it when none are configured. */
async function composeEmbedded(config: RuntimeConfig, warn: Warn): Promise<Platform> {
  refuseSecretsInside(config);
  const unlock = lockDataDirectory(config.dataDir);
  try {
    const db = await PGliteDatabase.open(join(config.dataDir, 'pglite'));
    return await composeOnSql(db, config, kekStoreDirectory(config, warn), warn, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Server: one PostgreSQL server for the ledger, the keyring and the read models; every secret configured. */
async function composeServer(config: RuntimeConfig, databaseUrl: string, warn: Warn): Promise<Platform> {
  if (!config.kekStoreDir) throw new Error('KEK_STORE_DIR must be configured when DATABASE_URL is set');
  if (!config.blindIndexKey) throw new Error('KEYRING_BLIND_INDEX_KEY must be configured when DATABASE_URL is set');
  return composeOnSql(new PostgresDatabase(databaseUrl), config, config.kekStoreDir, warn, () => undefined);
}

/** A copy of the data must not be a copy of the keys: no secret lives in the data directory. */
function refuseSecretsInside(config: RuntimeConfig): void {
  const inside = (path: string) => !relative(config.dataDir, path).startsWith('..') && relative(config.dataDir, path) !== path;
  for (const [name, path] of [
    ['SECRETS_DIR', config.secretsDir],
    ['KEK_STORE_DIR', config.kekStoreDir],
  ] as const)
    if (path && (path === config.dataDir || inside(path))) throw new Error(`${name} must be outside the data directory (DATA_DIR)`);
  if (existsSync(join(config.dataDir, 'secrets')))
    throw new Error(
      `${join(config.dataDir, 'secrets')} holds keys from an earlier version, inside the data directory: ` +
        'delete the data directory to start afresh (its data cannot be read by this version)',
    );
}

function kekStoreDirectory(config: RuntimeConfig, warn: Warn): string {
  if (config.kekStoreDir) return config.kekStoreDir;
  const directory = join(config.secretsDir, 'kek');
  warn(`using the development KEK store ${directory}: for development only, configure KEK_STORE_DIR for production`);
  return directory;
}

async function composeOnSql(
  db: SqlDatabase,
  config: RuntimeConfig,
  kekStoreDir: string,
  warn: Warn,
  unlock: () => void,
): Promise<Platform> {
  const blindKey =
    config.blindIndexKey ?? developmentSecret(config.secretsDir, 'blind-index.key', () => randomBytes(32).toString('base64'), warn);
  const [events, keyring, readModels, lease, revocations, throttle] = await Promise.all([
    PostgresEventStore.create(db),
    SqlKeyring.create(db, KEYRING_OWNER, FileKekStore.open(join(kekStoreDir, KEYRING_OWNER))),
    PostgresReadModels.create(db),
    PostgresProjectionLease.create(db),
    SqlSessionRevocations.create(db),
    SqlAttemptThrottle.create(db),
  ]);
  const mailer = openMailer(config, warn);
  const stopClosingEpochs = closeEpochsWhenDue(
    keyring,
    () => systemClock.now(),
    config.epochs,
    (outcome) =>
      outcome.error ? warn(`closing the KEK epoch failed: ${outcome.error}`) : warn(`KEK epoch closed: ${JSON.stringify(outcome)}`),
  );
  return {
    config,
    events,
    readModels,
    lease,
    keyring,
    claims: new SqlUniqueClaims(db, new BlindIndex(db, Buffer.from(blindKey, 'base64')), events),
    mailer,
    clock: systemClock,
    revocations,
    throttle,
    eventTypes: new EventTypeRegistry(),
    checkHealth: async () => void (await db.query('select 1')),
    async close() {
      mailer.close();
      stopClosingEpochs();
      await keyring.close();
      await db.close();
      unlock();
    },
  };
}

function openMailer(config: RuntimeConfig, warn: Warn): Mailer & { close(): void } {
  const { smtpUrl, from, outboxDir } = config.mail;
  if (smtpUrl) return NodemailerMailer.smtp(smtpUrl, from);
  warn(`mail is written to ${outboxDir} as .eml files, not sent: configure SMTP_URL to send it`);
  return NodemailerMailer.outbox(outboxDir, from, systemClock);
}
