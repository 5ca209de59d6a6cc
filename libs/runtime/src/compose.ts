import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SqlAttemptThrottle, SqlSessionRevocations } from '@privacy-ledger/auth';
import { systemClock } from '@privacy-ledger/clock';
import { closeEpochsWhenDue, FileKekStore, SqlKeyring } from '@privacy-ledger/keyring';
import { EventTypeRegistry } from '@privacy-ledger/ledger';
import { NodemailerMailer, type Mailer } from '@privacy-ledger/mail';
import { describeFault, developmentSecret, jsonLogger, StartupError, type Platform, type RuntimeConfig } from '@privacy-ledger/platform';
import {
  MongoReadModels,
  PostgresProjectionLease,
  PostgresReadModels,
  refuseCheckpointsAheadOfLog,
  type ReadModels,
} from '@privacy-ledger/projections';
import { PGliteDatabase, PostgresDatabase, type SqlDatabase } from '@privacy-ledger/sql';
import { lockDataDirectory } from './data-dir-lock';
import { openLedger } from './open-ledger';
import { restrictToOwner } from './owner-only';
import { refuseSecretsInside } from './secrets-placement';

type Warn = (message: string) => void;

/**
 * The one place that picks adapters: embedded PGlite without DATABASE_URL, the PostgreSQL server with it, and
 * the ledger on KurrentDB when KURRENTDB_URL is set too.
 */
export function openPlatform(config: RuntimeConfig, warn: Warn, services: readonly string[]): Promise<Platform> {
  // Whatever the process creates (PGlite's files, the outbox, secrets) only its own user may read: 0700 and 0600.
  process.umask(0o077);
  if (config.readModelsUrl && !config.databaseUrl)
    throw new StartupError(
      'READ_MODELS_URL needs server mode: set DATABASE_URL too, or leave READ_MODELS_URL out for the embedded default',
    );
  return config.databaseUrl
    ? composeServer({ config, services, kekStoreDir: serverKekStore(config) }, config.databaseUrl, warn)
    : composeEmbedded({ config, services, kekStoreDir: embeddedKekStore(config, warn) }, warn);
}

interface Composition {
  readonly config: RuntimeConfig;
  /** The services this process runs: it opens their keyrings, each under its own KEK, and no other. */
  readonly services: readonly string[];
  readonly kekStoreDir: string;
}

/** Embedded: PGlite in the data directory, locked against a second process; development secrets beside it when none are configured. */
async function composeEmbedded(composition: Composition, warn: Warn): Promise<Platform> {
  const { dataDir } = composition.config;
  refuseSecretsInside(dataDir, { SECRETS_DIR: composition.config.secretsDir, KEK_STORE_DIR: composition.kekStoreDir });
  const unlockDirectory = lockDataDirectory(dataDir);
  const unlock = () => {
    restrictToOwner(dataDir);
    unlockDirectory();
  };
  try {
    const db = await PGliteDatabase.open(join(dataDir, 'pglite'));
    restrictToOwner(dataDir);
    return await composeOnSql(db, composition, warn, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Server: one PostgreSQL server for the ledger, the keyrings and the read models; every secret configured. */
async function composeServer(composition: Composition, databaseUrl: string, warn: Warn): Promise<Platform> {
  if (!composition.config.blindIndexKey) throw new StartupError('KEYRING_BLIND_INDEX_KEY must be configured when DATABASE_URL is set');
  // Names service, host and process in pg_stat_activity (PostgreSQL keeps 63 bytes of it).
  const applicationName = `privacy-ledger ${composition.services.join('+')} ${hostname()} pid ${process.pid}`.slice(0, 63);
  const db = new PostgresDatabase(databaseUrl, 10, applicationName);
  await db.query('select 1').catch(async (error: unknown) => {
    await db.close();
    const { code } = describeFault(error);
    throw new StartupError(`DATABASE_URL: the database cannot be reached or refuses the connection (${code ?? 'no code'})`);
  });
  return composeOnSql(db, composition, warn, () => undefined);
}

function serverKekStore(config: RuntimeConfig): string {
  if (!config.kekStoreDir)
    throw new StartupError(
      'KEK_STORE_DIR must be configured when DATABASE_URL is set (server mode); for the embedded default, unset DATABASE_URL ' +
        '(a shell that ran eval "$(npm run -s stack:up)" has it set)',
    );
  return config.kekStoreDir;
}

function embeddedKekStore(config: RuntimeConfig, warn: Warn): string {
  if (config.kekStoreDir) return config.kekStoreDir;
  const directory = join(config.secretsDir, 'kek');
  warn(`using the development KEK store ${directory}: for development only, configure KEK_STORE_DIR for production`);
  return directory;
}

async function composeOnSql(
  db: SqlDatabase,
  { config, services, kekStoreDir }: Composition,
  warn: Warn,
  unlock: () => void,
): Promise<Platform> {
  const blindKey =
    config.blindIndexKey ?? developmentSecret(config.secretsDir, 'blind-index.key', () => randomBytes(32).toString('base64'), warn);
  // First, so that an unreachable KurrentDB refuses the start before any keyring opens.
  const ledger = await openLedger(db, config.kurrentDbUrl);
  const { events } = ledger;
  const keyrings = new Map<string, SqlKeyring>();
  for (const service of services)
    keyrings.set(
      service,
      await SqlKeyring.create(db, service, FileKekStore.open(join(kekStoreDir, service)), Buffer.from(blindKey, 'base64')),
    );
  const mongo = config.readModelsUrl ? await connectReadModels(config.readModelsUrl) : null;
  const [readModels, lease, revocations, throttle] = await Promise.all([
    mongo ?? (PostgresReadModels.create(db) as Promise<ReadModels>),
    PostgresProjectionLease.create(db, {
      ttlMs: config.projectionLeaseMs,
      holder: `${hostname()} pid ${process.pid}`,
      onHandover: (handover) => jsonLogger('runtime').log({ msg: 'projection lease taken', ...handover }),
    }),
    SqlSessionRevocations.create(db),
    SqlAttemptThrottle.create(db, systemClock),
  ]);
  await refuseCheckpointsAheadOfLog(events, readModels);
  const mailer = openMailer(config, warn);
  const stopClosingEpochs = [...keyrings].map(([service, keyring]) =>
    closeEpochsWhenDue(
      keyring,
      () => systemClock.now(),
      config.epochs,
      ({ error, closedElsewhere, ...closure }) => {
        const logger = jsonLogger('runtime');
        if (error) logger.error({ msg: 'closing the KEK epoch failed', service, error });
        else if (closedElsewhere !== undefined)
          logger.log({ msg: 'another process closed the KEK epoch first', service, epoch: closedElsewhere });
        else logger.log({ msg: 'KEK epoch closed', service, ...closure });
      },
    ),
  );
  const keyringOf = (service: string): SqlKeyring => {
    const keyring = keyrings.get(service);
    if (!keyring) throw new Error(`this process did not open the keyring of ${service}`);
    return keyring;
  };
  return {
    config,
    events,
    readModels,
    lease,
    keyringOf,
    claimsOf: (service) => keyringOf(service).claims(ledger.claimsLedger),
    mailer,
    clock: systemClock,
    revocations,
    throttle,
    eventTypes: new EventTypeRegistry(),
    checkHealth: async () => {
      await db.query('select 1');
      await ledger.checkHealth();
    },
    checkReadModels: async () => void (await (mongo ? mongo.ping() : db.query('select 1'))),
    async close() {
      mailer.close();
      await mongo?.close();
      await Promise.all(stopClosingEpochs.map((stop) => stop()));
      for (const keyring of keyrings.values()) await keyring.close();
      await ledger.close();
      await db.close();
      unlock();
    },
  };
}

/** Read models on MongoDB (READ_MODELS_URL): a server that does not answer stops the start with the reason. */
async function connectReadModels(url: string): Promise<MongoReadModels> {
  try {
    return await MongoReadModels.connect(url);
  } catch (error) {
    const { code } = describeFault(error);
    throw new StartupError(`READ_MODELS_URL: the MongoDB server cannot be reached or refuses the connection (${code ?? 'no code'})`);
  }
}

function openMailer(config: RuntimeConfig, warn: Warn): Mailer & { close(): void } {
  const { smtpUrl, from, outboxDir } = config.mail;
  if (smtpUrl) return NodemailerMailer.smtp(smtpUrl, from);
  warn(`mail is written to ${outboxDir} as .eml files, not sent: configure SMTP_URL to send it`);
  return NodemailerMailer.outbox(outboxDir, from, systemClock);
}
