import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { StartupError } from './startup-error';

export interface RuntimeConfig {
  /** A PostgreSQL server; absent means embedded PGlite in `dataDir`. */
  readonly databaseUrl?: string;
  /** READ_MODELS_URL: a MongoDB server for the read models (server mode only); absent means beside the ledger. */
  readonly readModelsUrl?: string;
  /**
   * KURRENTDB_URL: a KurrentDB (EventStoreDB) connection string; the ledger lives there instead of in
   * PostgreSQL, which keeps everything else (keyrings, read models, leases). Server mode only.
   */
  readonly kurrentDbUrl?: string;
  /**
   * KAFKA_BROKERS (host:port, comma-separated) and KAFKA_TOPIC_PREFIX: each service relays its ledger events to
   * its context's topic there. Absent: no relay runs.
   */
  readonly kafka?: { readonly brokers: readonly string[]; readonly topicPrefix: string };
  readonly dataDir: string;
  /** SECRETS_DIR: where embedded mode generates its development secrets; never inside `dataDir`. */
  readonly secretsDir: string;
  /** KEK_STORE_DIR: the KEK store, a directory per service; required in server mode, `secretsDir`/kek in embedded mode. */
  readonly kekStoreDir?: string;
  /** When KEK epochs close by themselves (KEYRING_ERASURE_WINDOW_SECONDS, KEYRING_ROTATION_DAYS). */
  readonly epochs: { readonly erasureWindowMs: number; readonly rotationMs: number };
  /** PROJECTION_LEASE_SECONDS: how long a runner's lease outlives its last renewal (a frozen holder blocks no longer). */
  readonly projectionLeaseMs: number;
  /** HEALTH_LAG_LIMIT_SECONDS: /health turns degraded when an event has waited longer than this for a consumer. */
  readonly healthLagLimitSeconds: number;
  /** KEYRING_BLIND_INDEX_KEY: base64, at least 32 bytes. */
  readonly blindIndexKey?: string;
  /** PAYMENT_VAULT_FINGERPRINT_KEY: base64, at least 32 bytes; the payment vault's alone. */
  readonly cardFingerprintKey?: string;
  readonly ports: { readonly identity: number; readonly contacts: number; readonly paymentVault: number; readonly retention: number };
  /**
   * LISTEN_ADDRESS: the IP address every service listens on; 127.0.0.1 by default, so nothing is reachable from
   * another host unless asked. A container sets 0.0.0.0: its loopback is its own, and other containers reach it.
   */
  readonly listenAddress: string;
  readonly identityUrl: string;
  /** CONTACTS_URL, PAYMENT_VAULT_URL: where retention asks those services for their part of a subject access export. */
  readonly contactsUrl: string;
  readonly paymentVaultUrl: string;
  /** EXPORT_TIMEOUT_SECONDS: how long retention waits for each service's part of an export before answering 503. */
  readonly exportTimeoutMs: number;
  /**
   * TRUSTED_PROXIES: the addresses (or CIDR ranges) of the reverse proxies in front of the services, whose
   * X-Forwarded-For alone says which client an address belongs to. None by default: the peer's address counts.
   */
  readonly trustedProxies: readonly string[];
  /** Where links in messages point (IDENTITY_PUBLIC_URL, CONTACTS_PUBLIC_URL): how a customer's browser reaches each service. */
  readonly publicUrls: { readonly identity: string; readonly contacts: string };
  readonly mail: {
    /** SMTP_URL, e.g. smtps://user:password@mail.example.com:465. Absent: messages go to `outboxDir` as .eml files. */
    readonly smtpUrl?: string;
    /** MAIL_FROM */
    readonly from: string;
    /** OUTBOX_DIR, ./outbox by default: outside the data directory, as mail sent to the outside world is. */
    readonly outboxDir: string;
  };
}

export function runtimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const port = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new StartupError(`${name} must be a port number`);
    return value;
  };
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!(value > 0)) throw new StartupError(`${name} must be a positive number`);
    return value;
  };
  const notNegative = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!(value >= 0)) throw new StartupError(`${name} must be zero or a positive number`);
    return value;
  };
  const ports = {
    identity: port('IDENTITY_PORT', 3001),
    contacts: port('CONTACTS_PORT', 3002),
    paymentVault: port('PAYMENT_VAULT_PORT', 3003),
    retention: port('RETENTION_PORT', 3004),
  };
  const databaseUrl = checked(env, 'DATABASE_URL', isUrlOf('postgres:', 'postgresql:'), 'must be a postgres:// URL');
  const kurrentDbUrl = checked(env, 'KURRENTDB_URL', isKurrentDbConnectionString, 'must be a kurrentdb:// (or esdb://) connection string');
  if (kurrentDbUrl && !databaseUrl) throw new StartupError('KURRENTDB_URL needs DATABASE_URL: keyrings and read models stay on PostgreSQL');
  return {
    readModelsUrl: checked(env, 'READ_MODELS_URL', isMongoUrlWithDatabase, 'must be a mongodb:// URL naming its database'),
    databaseUrl,
    kurrentDbUrl,
    kafka: kafka(env.KAFKA_BROKERS, env.KAFKA_TOPIC_PREFIX),
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    secretsDir: resolve(env.SECRETS_DIR ?? 'secrets'),
    kekStoreDir: env.KEK_STORE_DIR ? resolve(env.KEK_STORE_DIR) : undefined,
    projectionLeaseMs: positive('PROJECTION_LEASE_SECONDS', 10) * 1000,
    healthLagLimitSeconds: positive('HEALTH_LAG_LIMIT_SECONDS', 30),
    epochs: {
      // 0: an epoch closes as soon as an erasure waits for it; a longer window batches erasures into one close.
      erasureWindowMs: notNegative('KEYRING_ERASURE_WINDOW_SECONDS', 0) * 1000,
      rotationMs: positive('KEYRING_ROTATION_DAYS', 30) * 86_400_000,
    },
    blindIndexKey: checked(env, 'KEYRING_BLIND_INDEX_KEY', isBase64Key, 'must be base64 of at least 32 random bytes'),
    cardFingerprintKey: checked(env, 'PAYMENT_VAULT_FINGERPRINT_KEY', isBase64Key, 'must be base64 of at least 32 random bytes'),
    ports,
    listenAddress: listenAddress(env.LISTEN_ADDRESS || undefined),
    trustedProxies: trustedProxies(env.TRUSTED_PROXIES),
    identityUrl: env.IDENTITY_URL ?? `http://127.0.0.1:${ports.identity}`,
    contactsUrl: env.CONTACTS_URL ?? `http://127.0.0.1:${ports.contacts}`,
    paymentVaultUrl: env.PAYMENT_VAULT_URL ?? `http://127.0.0.1:${ports.paymentVault}`,
    exportTimeoutMs: positive('EXPORT_TIMEOUT_SECONDS', 10) * 1000,
    publicUrls: {
      identity: env.IDENTITY_PUBLIC_URL ?? `http://127.0.0.1:${ports.identity}`,
      contacts: env.CONTACTS_PUBLIC_URL ?? `http://127.0.0.1:${ports.contacts}`,
    },
    mail: {
      smtpUrl: checked(env, 'SMTP_URL', isUrlOf('smtp:', 'smtps:'), 'must be an smtp:// or smtps:// URL'),
      from: env.MAIL_FROM ?? 'Privacy Ledger <no-reply@privacy-ledger.localhost>',
      outboxDir: resolve(env.OUTBOX_DIR ?? 'outbox'),
    },
  };
}

function kafka(brokers = '', topicPrefix = ''): RuntimeConfig['kafka'] {
  const list = brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (!/^[A-Za-z0-9._-]{0,100}$/.test(topicPrefix))
    throw new StartupError('KAFKA_TOPIC_PREFIX may hold only letters, digits, dots, dashes and underscores (at most 100)');
  if (list.length === 0) {
    if (topicPrefix) throw new StartupError('KAFKA_TOPIC_PREFIX needs KAFKA_BROKERS');
    return undefined;
  }
  for (const broker of list)
    if (!isHostAndPort(broker))
      throw new StartupError('KAFKA_BROKERS must be host:port pairs, separated by commas (e.g. kafka-1:9092,kafka-2:9092)');
  return { brokers: list, topicPrefix };
}

function isHostAndPort(value: string): boolean {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  return match !== null && Number(match[2]) > 0 && Number(match[2]) <= 65535;
}

function listenAddress(address = '127.0.0.1'): string {
  if (isIP(address) === 0) throw new StartupError('LISTEN_ADDRESS must be an IP address (e.g. 127.0.0.1, or 0.0.0.0 in a container)');
  return address;
}

function trustedProxies(list = ''): string[] {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const bits = isIP(address);
    const prefixFits = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (bits === 4 ? 32 : 128));
    if (bits === 0 || !prefixFits || rest.length > 0)
      throw new StartupError('TRUSTED_PROXIES must be IP addresses or CIDR ranges, separated by commas (e.g. 10.0.0.5,10.1.0.0/16)');
  }
  return entries;
}

/** The variable's value when it is set and well formed; a refusal that names it, never quotes it, when malformed. */
function checked(env: NodeJS.ProcessEnv, name: string, valid: (value: string) => boolean, requirement: string): string | undefined {
  const value = env[name];
  if (!value) return undefined;
  if (!valid(value)) throw new StartupError(`${name} ${requirement}`);
  return value;
}

function isUrlOf(...protocols: string[]): (value: string) => boolean {
  return (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol);
}

/**
 * The schemes the KurrentDB client takes; the rest of the string (hosts of a cluster, options) is the client's
 * to check when the ledger connects, since a cluster's host list is no URL.
 */
function isKurrentDbConnectionString(value: string): boolean {
  return /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/[^/?#\s]+/.test(value);
}

function isBase64Key(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length >= 32;
}

/** A database name is required: without one, the driver would write to a database called `test`. */
function isMongoUrlWithDatabase(value: string): boolean {
  return isUrlOf('mongodb:', 'mongodb+srv:')(value) && /^\/[^/?]+$/.test(new URL(value).pathname);
}
