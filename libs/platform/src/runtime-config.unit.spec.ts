import { runtimeConfig } from './runtime-config';
import { StartupError } from './startup-error';

const CANARY = 'Qx7canarySecret';

describe('runtimeConfig', () => {
  it.each([
    ['KEYRING_BLIND_INDEX_KEY', `${CANARY}!not base64`, 'KEYRING_BLIND_INDEX_KEY must be base64 of at least 32 random bytes'],
    [
      'KEYRING_BLIND_INDEX_KEY',
      Buffer.from(CANARY).toString('base64'),
      'KEYRING_BLIND_INDEX_KEY must be base64 of at least 32 random bytes',
    ],
    ['DATABASE_URL', `postgres//postgres:${CANARY}@127.0.0.1/db`, 'DATABASE_URL must be a postgres:// URL'],
    ['DATABASE_URL', `mysql://root:${CANARY}@127.0.0.1/db`, 'DATABASE_URL must be a postgres:// URL'],
    ['KURRENTDB_URL', `postgres://admin:${CANARY}@127.0.0.1:2113`, 'KURRENTDB_URL must be a kurrentdb:// (or esdb://) connection string'],
    ['KURRENTDB_URL', `kurrentdb//admin:${CANARY}@127.0.0.1:2113`, 'KURRENTDB_URL must be a kurrentdb:// (or esdb://) connection string'],
    [
      'KURRENTDB_URL',
      `kurrentdb://admin:${CANARY}@127.0.0.1:2113`,
      'KURRENTDB_URL needs DATABASE_URL: keyrings and read models stay on PostgreSQL',
    ],
    ['SMTP_URL', `smtps://user:${CANARY}@mail example`, 'SMTP_URL must be an smtp:// or smtps:// URL'],
    ['READ_MODELS_URL', `postgres://user:${CANARY}@127.0.0.1/db`, 'READ_MODELS_URL must be a mongodb:// URL naming its database'],
    ['READ_MODELS_URL', `mongodb://user:${CANARY}@127.0.0.1:27017`, 'READ_MODELS_URL must be a mongodb:// URL naming its database'],
    [
      'PAYMENT_VAULT_FINGERPRINT_KEY',
      Buffer.from(CANARY).toString('base64'),
      'PAYMENT_VAULT_FINGERPRINT_KEY must be base64 of at least 32 random bytes',
    ],
    ['IDENTITY_PORT', `${CANARY}`, 'IDENTITY_PORT must be a port number'],
    ['KEYRING_ROTATION_DAYS', `-${CANARY}`, 'KEYRING_ROTATION_DAYS must be a positive number'],
    [
      'KAFKA_BROKERS',
      `kafka://user:${CANARY}@broker:9092`,
      'KAFKA_BROKERS must be host:port pairs, separated by commas (e.g. kafka-1:9092,kafka-2:9092)',
    ],
    [
      'KAFKA_BROKERS',
      `broker:9092,${CANARY}`,
      'KAFKA_BROKERS must be host:port pairs, separated by commas (e.g. kafka-1:9092,kafka-2:9092)',
    ],
    ['KAFKA_TOPIC_PREFIX', `${CANARY}/`, 'KAFKA_TOPIC_PREFIX may hold only letters, digits, dots, dashes and underscores (at most 100)'],
    ['KAFKA_TOPIC_PREFIX', `${CANARY}.`, 'KAFKA_TOPIC_PREFIX needs KAFKA_BROKERS'],
  ])('refuses a malformed %s by its name and what is wrong, never quoting the value', (name, value, message) => {
    let refusal: unknown;
    try {
      runtimeConfig({ [name]: value });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StartupError);
    expect((refusal as Error).message).toBe(message);
    expect(JSON.stringify(refusal) + String((refusal as Error).stack)).not.toContain(CANARY);
  });

  it('takes well-formed values', () => {
    const config = runtimeConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/privacy_ledger',
      KEYRING_BLIND_INDEX_KEY: Buffer.alloc(32, 7).toString('base64'),
      SMTP_URL: 'smtp://mail.example.com:587',
      KURRENTDB_URL: 'kurrentdb://node1:2113,node2:2113?tls=false',
      KAFKA_BROKERS: 'kafka-1:9092, 127.0.0.1:9093,[::1]:9094',
      KAFKA_TOPIC_PREFIX: 'staging.',
    });
    expect(config).toMatchObject({
      kafka: { brokers: ['kafka-1:9092', '127.0.0.1:9093', '[::1]:9094'], topicPrefix: 'staging.' },
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/privacy_ledger',
      kurrentDbUrl: 'kurrentdb://node1:2113,node2:2113?tls=false',
      mail: { smtpUrl: 'smtp://mail.example.com:587' },
    });
  });
});

describe('runtimeConfig: LISTEN_ADDRESS', () => {
  it('listens on loopback unless told', () => {
    expect(runtimeConfig({}).listenAddress).toBe('127.0.0.1');
    expect(runtimeConfig({ LISTEN_ADDRESS: '0.0.0.0' }).listenAddress).toBe('0.0.0.0');
    expect(runtimeConfig({ LISTEN_ADDRESS: '::' }).listenAddress).toBe('::');
  });

  it.each(['localhost', '0.0.0.0:3001', '256.0.0.1'])('refuses %s, naming the variable', (address) => {
    expect(() => runtimeConfig({ LISTEN_ADDRESS: address })).toThrow(/^LISTEN_ADDRESS must be an IP address/);
  });
});

describe('runtimeConfig: TRUSTED_PROXIES', () => {
  it('trusts no proxy unless told', () => {
    expect(runtimeConfig({}).trustedProxies).toEqual([]);
    expect(runtimeConfig({ TRUSTED_PROXIES: ' ' }).trustedProxies).toEqual([]);
  });

  it('reads addresses and CIDR ranges, IPv4 and IPv6, separated by commas', () => {
    expect(runtimeConfig({ TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8' }).trustedProxies).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each(['loopback', '10.0.0.256', '10.0.0.0/33', '::1/129', '10.0.0.0/8/1', '10.0.0.0/'])('refuses %s without quoting it', (entry) => {
    let refusal: unknown;
    try {
      runtimeConfig({ TRUSTED_PROXIES: `10.0.0.1,${entry}` });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StartupError);
    expect((refusal as Error).message).toMatch(/^TRUSTED_PROXIES must be IP addresses or CIDR ranges/);
    expect((refusal as Error).message).not.toContain(entry);
  });
});

describe('runtimeConfig: where retention gathers an export', () => {
  it('asks each service on its own port on this host unless told, and waits ten seconds for each', () => {
    expect(runtimeConfig({ CONTACTS_PORT: '4002', PAYMENT_VAULT_PORT: '4003' })).toMatchObject({
      contactsUrl: 'http://127.0.0.1:4002',
      paymentVaultUrl: 'http://127.0.0.1:4003',
      exportTimeoutMs: 10_000,
    });
    const configured = {
      CONTACTS_URL: 'http://contacts:3002',
      PAYMENT_VAULT_URL: 'http://payment-vault:3003',
      EXPORT_TIMEOUT_SECONDS: '2.5',
    };
    expect(runtimeConfig(configured)).toMatchObject({
      contactsUrl: 'http://contacts:3002',
      paymentVaultUrl: 'http://payment-vault:3003',
      exportTimeoutMs: 2500,
    });
    expect(() => runtimeConfig({ EXPORT_TIMEOUT_SECONDS: '0' })).toThrow('EXPORT_TIMEOUT_SECONDS must be a positive number');
  });
});
