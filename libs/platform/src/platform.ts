import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PostgresEventStore } from '@privacy-ledger/ledger';
import { BlindIndex, developmentKeyFile, Keyring, keysFromConfiguration } from '@privacy-ledger/keyring';
import { PostgresSessionRevocations, type SessionRevocations } from '@privacy-ledger/auth';
import { NodemailerMailer, type Mailer } from '@privacy-ledger/mail';
import { PostgresReadModels } from '@privacy-ledger/projections';
import { openDatabase, type SqlDatabase } from '@privacy-ledger/sql';
import { lockDataDirectory } from './data-dir-lock';
import { developmentSecret } from './development-secrets';
import type { RuntimeConfig } from './runtime-config';

/** The shared mechanisms every service runs on; one per process (shared by all services in embedded mode). */
export interface Platform {
  readonly config: RuntimeConfig;
  readonly db: SqlDatabase;
  readonly events: PostgresEventStore;
  readonly keyring: Keyring;
  readonly blindIndex: BlindIndex;
  readonly readModels: PostgresReadModels;
  readonly mailer: Mailer;
  readonly revocations: SessionRevocations;
  close(): Promise<void>;
}

export async function openPlatform(config: RuntimeConfig, warn: (message: string) => void): Promise<Platform> {
  const embedded = !config.databaseUrl;
  const unlock = embedded ? lockDataDirectory(config.dataDir) : () => undefined;
  try {
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: embedded ? join(config.dataDir, 'pglite') : undefined });
    const keks = config.keks ? keysFromConfiguration(config.keks) : developmentKeks(config, warn);
    const blindKey = config.blindIndexKey ?? developmentSecret(config.dataDir, 'blind-index.key', () => randomBytes(32).toString('base64'), warn);
    const [events, keyring, readModels, revocations] = await Promise.all([
      PostgresEventStore.create(db),
      Keyring.create(db, keks),
      PostgresReadModels.create(db),
      PostgresSessionRevocations.create(db),
    ]);
    const { smtpUrl, from, outboxDir } = config.mail;
    const mailer = smtpUrl ? NodemailerMailer.smtp(smtpUrl, from) : NodemailerMailer.outbox(outboxDir, from);
    if (!smtpUrl) warn(`mail is written to ${outboxDir} as .eml files, not sent: configure SMTP_URL to send it`);
    return {
      config,
      db,
      events,
      keyring,
      blindIndex: new BlindIndex(db, Buffer.from(blindKey, 'base64')),
      readModels,
      mailer,
      revocations,
      async close() {
        mailer.close();
        await keyring.close();
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

function developmentKeks(config: RuntimeConfig, warn: (message: string) => void) {
  if (config.databaseUrl) throw new Error('KEYRING_KEKS must be configured when DATABASE_URL is set');
  const path = join(config.dataDir, 'secrets', 'kek.json');
  warn(`using the development key-encryption key ${path}: for development only, configure KEYRING_KEKS for production`);
  return developmentKeyFile(path).keys;
}
