import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SqlAttemptThrottle, SqlSessionRevocations } from '@privacy-ledger/auth';
import { systemClock } from '@privacy-ledger/clock';
import {
  BlindIndex,
  developmentKeyFile,
  keysFromConfiguration,
  SqlKeyring,
  SqlUniqueClaims,
  type KeyEncryptionKeys,
} from '@privacy-ledger/keyring';
import { EventTypeRegistry, PostgresEventStore } from '@privacy-ledger/ledger';
import { NodemailerMailer, type Mailer } from '@privacy-ledger/mail';
import { developmentSecret, type Platform, type RuntimeConfig } from '@privacy-ledger/platform';
import { PostgresProjectionLease, PostgresReadModels } from '@privacy-ledger/projections';
import { PGliteDatabase, PostgresDatabase, type SqlDatabase } from '@privacy-ledger/sql';
import { lockDataDirectory } from './data-dir-lock';

type Warn = (message: string) => void;

/** The one place that picks adapters: embedded PGlite without DATABASE_URL, the PostgreSQL server with it. */
export function openPlatform(config: RuntimeConfig, warn: Warn): Promise<Platform> {
  return config.databaseUrl ? composeServer(config, config.databaseUrl, warn) : composeEmbedded(config, warn);
}

/** Embedded: PGlite in the data directory, locked against a second process; development secrets when none are configured. */
async function composeEmbedded(config: RuntimeConfig, warn: Warn): Promise<Platform> {
  const unlock = lockDataDirectory(config.dataDir);
  try {
    const db = await PGliteDatabase.open(join(config.dataDir, 'pglite'));
    return await composeOnSql(db, config, config.keks ? keysFromConfiguration(config.keks) : developmentKeks(config, warn), warn, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Server: one PostgreSQL server for the ledger, the keyring and the read models; every secret configured. */
async function composeServer(config: RuntimeConfig, databaseUrl: string, warn: Warn): Promise<Platform> {
  if (!config.keks) throw new Error('KEYRING_KEKS must be configured when DATABASE_URL is set');
  if (!config.blindIndexKey) throw new Error('KEYRING_BLIND_INDEX_KEY must be configured when DATABASE_URL is set');
  return composeOnSql(new PostgresDatabase(databaseUrl), config, keysFromConfiguration(config.keks), warn, () => undefined);
}

async function composeOnSql(
  db: SqlDatabase,
  config: RuntimeConfig,
  keks: KeyEncryptionKeys,
  warn: Warn,
  unlock: () => void,
): Promise<Platform> {
  const blindKey =
    config.blindIndexKey ?? developmentSecret(config.dataDir, 'blind-index.key', () => randomBytes(32).toString('base64'), warn);
  const [events, keyring, readModels, lease, revocations, throttle] = await Promise.all([
    PostgresEventStore.create(db),
    SqlKeyring.create(db, keks),
    PostgresReadModels.create(db),
    PostgresProjectionLease.create(db),
    SqlSessionRevocations.create(db),
    SqlAttemptThrottle.create(db),
  ]);
  const mailer = openMailer(config, warn);
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

function developmentKeks(config: RuntimeConfig, warn: Warn): KeyEncryptionKeys {
  const path = join(config.dataDir, 'secrets', 'kek.json');
  warn(`using the development key-encryption key ${path}: for development only, configure KEYRING_KEKS for production`);
  return developmentKeyFile(path).keys;
}
