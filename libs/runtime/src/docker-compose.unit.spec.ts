import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runtimeConfig } from '@privacy-ledger/platform';

/**
 * docker-compose.yml and deploy/Dockerfile, as `docker compose config` reads them: client-side, no Docker engine
 * needed (none runs on the development machines, so the stack itself is never started here). Where `docker
 * compose` is missing the suite skips with the reason; CI installs the plugin (deploy/local/compose-plugin) and
 * fails on any skip.
 */
const ROOT = resolve(__dirname, '../../..');
const KURRENTDB_OVERRIDE = 'deploy/compose.kurrentdb.yml';
const DOCKERFILE = readFileSync(resolve(ROOT, 'deploy/Dockerfile'), 'utf8');
const KEK_STORE_DIR = '/var/lib/privacy-ledger/kek';

const base64Key = () => randomBytes(32).toString('base64');

/** Every secret and setting the file requires, with throwaway values of the right shape. */
const REQUIRED = {
  POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
  MONGO_PASSWORD: randomBytes(24).toString('hex'),
  KEYRING_BLIND_INDEX_KEY: base64Key(),
  PAYMENT_VAULT_FINGERPRINT_KEY: base64Key(),
  IDENTITY_SIGNING_KEY: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'dummy', d: 'dummy' }),
  RETENTION_SIGNING_KEY: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'other', d: 'other' }),
  IDENTITY_PUBLIC_URL: 'https://identity.example.test',
  CONTACTS_PUBLIC_URL: 'https://contacts.example.test',
};

const APP_SERVICES = ['identity', 'contacts', 'payment-vault', 'retention'] as const;

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  profiles?: string[];
  container_name?: string;
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: { host_ip?: string; published?: string; target: number }[];
  volumes?: { type: string; source: string; target: string }[];
  user?: string;
}
interface ComposeModel {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

/** Runs `docker compose` in the repository root with only the given variables (and no .env file). */
function compose(args: readonly string[], variables: Record<string, string> = REQUIRED) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...variables };
  if (process.env.DOCKER_CONFIG) Object.assign(env, { DOCKER_CONFIG: process.env.DOCKER_CONFIG });
  return spawnSync('docker', ['compose', '--project-directory', ROOT, '--env-file', '/dev/null', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

function config(files: readonly string[] = [], profiles: readonly string[] = []): ComposeModel {
  const result = compose([
    ...files.flatMap((file) => ['-f', file]),
    ...profiles.flatMap((p) => ['--profile', p]),
    'config',
    '--format',
    'json',
  ]);
  if (result.status !== 0) throw new Error(`docker compose config failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ComposeModel;
}

/** Why `docker compose` cannot run here, or null when it can. */
function composeMissing(): string | null {
  try {
    execFileSync('docker', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'no docker client installed';
  }
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status !== 0)
    return 'the docker client has no compose plugin: `bash deploy/local/compose-plugin` installs it';
  return null;
}

const missing = composeMissing();
if (missing) console.log(`docker-compose.yml is not validated: ${missing}`);
const describeWithCompose = missing ? describe.skip : describe;

describeWithCompose('docker-compose.yml, as docker compose config reads it', () => {
  let services: ComposeModel['services'];
  beforeAll(() => {
    services = config().services;
  });

  it('runs PostgreSQL, Kafka, MongoDB and the four services; KurrentDB only under its profile', () => {
    expect(Object.keys(services).sort()).toEqual(['contacts', 'identity', 'kafka', 'mongo', 'payment-vault', 'postgres', 'retention']);
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect(services.kafka.image).toMatch(/^apache\/kafka:/);
    expect(services.kafka.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_NODE_ID: '1' });
    expect(services.mongo.image).toMatch(/^mongo:/);
  });

  it('gives every server a health check and makes the services wait for them to be healthy', () => {
    for (const server of ['postgres', 'kafka', 'mongo']) expect(services[server].healthcheck?.test?.length).toBeGreaterThan(1);
    for (const name of APP_SERVICES)
      for (const server of ['postgres', 'kafka', 'mongo']) expect(services[name].depends_on?.[server]?.condition).toBe('service_healthy');
  });

  it('builds every service from the one image of deploy/Dockerfile, the service chosen by SERVICE', () => {
    const images = new Set(APP_SERVICES.map((name) => services[name].image));
    expect(images.size).toBe(1);
    for (const name of APP_SERVICES) {
      expect(services[name].build).toEqual({ context: ROOT, dockerfile: 'deploy/Dockerfile' });
      expect(services[name].environment?.SERVICE).toBe(name);
      expect(services[name].user).toBeUndefined(); // the image's non-root user stands
    }
  });

  it('can scale every service: no fixed container name, host ports as loopback ranges, the databases unpublished', () => {
    for (const [name, service] of Object.entries(services)) expect({ name, containerName: service.container_name }).toEqual({ name });
    for (const name of APP_SERVICES) {
      expect(services[name].ports).toHaveLength(1);
      const [port] = services[name].ports!;
      expect(port.host_ip).toBe('127.0.0.1');
      expect(port.published).toMatch(/^\d+-\d+$/);
    }
    const ranges = APP_SERVICES.map((name) => services[name].ports![0].published!.split('-').map(Number));
    for (const [i, [low, high]] of ranges.entries())
      for (const [otherLow, otherHigh] of ranges.slice(i + 1)) expect(high < otherLow || otherHigh < low).toBe(true);
    for (const server of ['postgres', 'kafka', 'mongo']) expect(services[server].ports).toBeUndefined();
  });

  it('passes every variable each service needs, and each service its own secrets only', () => {
    const common = ['DATABASE_URL', 'KAFKA_BROKERS', 'READ_MODELS_URL', 'KEYRING_BLIND_INDEX_KEY', 'IDENTITY_URL', 'SERVICE'];
    const own: Record<(typeof APP_SERVICES)[number], string[]> = {
      identity: ['IDENTITY_SIGNING_KEY'],
      contacts: [],
      'payment-vault': ['PAYMENT_VAULT_FINGERPRINT_KEY'],
      retention: ['RETENTION_SIGNING_KEY'],
    };
    for (const name of APP_SERVICES) {
      const environment = services[name].environment ?? {};
      for (const variable of [...common, ...own[name]])
        expect({ name, variable, set: Boolean(environment[variable]) }).toEqual({ name, variable, set: true });
      const others = Object.values(own)
        .flat()
        .filter((variable) => !own[name].includes(variable));
      for (const variable of others) expect({ name, variable, value: environment[variable] }).toEqual({ name, variable });
      expect(environment.DATABASE_URL).toBe(`postgres://privacy_ledger:${REQUIRED.POSTGRES_PASSWORD}@postgres:5432/privacy_ledger`);
      expect(environment.KAFKA_BROKERS).toBe('kafka:9092');
      expect(new URL(environment.READ_MODELS_URL!)).toMatchObject({
        protocol: 'mongodb:',
        host: 'mongo:27017',
        pathname: '/privacy_ledger',
      });
      expect(environment.IDENTITY_URL).toBe('http://identity:3001');
    }
  });

  it('gives the services values their configuration accepts, listening on every address of the container', () => {
    for (const name of APP_SERVICES) {
      const environment = { ...imageEnvironment(), ...services[name].environment } as NodeJS.ProcessEnv;
      const parsed = runtimeConfig(environment);
      expect(parsed).toMatchObject({
        databaseUrl: expect.stringMatching(/^postgres:/),
        listenAddress: '0.0.0.0',
        kekStoreDir: KEK_STORE_DIR,
      });
      expect(parsed.mail.from).toMatch(/^Privacy Ledger </);
    }
  });

  it("keeps each service's KEKs on a volume of its own, apart from every database volume", () => {
    const kekVolumes = APP_SERVICES.map((name) => {
      const mounts = services[name].volumes ?? [];
      const kek = mounts.filter((mount) => mount.target.startsWith(`${KEK_STORE_DIR}/`));
      expect(kek).toEqual([{ type: 'volume', source: `kek-${name}`, target: `${KEK_STORE_DIR}/${name}`, volume: {} }]);
      return kek[0].source;
    });
    const databaseVolumes = ['postgres', 'kafka', 'mongo'].flatMap((server) =>
      (services[server].volumes ?? []).map((mount) => mount.source),
    );
    expect(databaseVolumes).toHaveLength(3);
    for (const volume of kekVolumes) expect(databaseVolumes).not.toContain(volume);
    for (const [name, service] of Object.entries(services))
      for (const mount of service.volumes ?? [])
        if (mount.source.startsWith('kek-')) expect({ name, volume: mount.source }).toEqual({ name, volume: `kek-${name}` });
  });

  it.each(Object.keys(REQUIRED))('refuses to start without %s, naming it', (variable) => {
    const { [variable as keyof typeof REQUIRED]: _left, ...rest } = REQUIRED;
    const result = compose(['config', '--quiet'], rest);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`required variable ${variable} is missing a value`);
  });

  it('puts the ledger on KurrentDB with the kurrentdb profile and deploy/compose.kurrentdb.yml', () => {
    const withKurrent = config(['docker-compose.yml', KURRENTDB_OVERRIDE], ['kurrentdb']);
    const kurrentdb = withKurrent.services.kurrentdb;
    expect(kurrentdb.profiles).toEqual(['kurrentdb']);
    expect(kurrentdb.image).toMatch(/kurrentdb|eventstore/);
    expect(kurrentdb.environment).toMatchObject({ KURRENTDB_INSECURE: 'true' });
    expect(kurrentdb.healthcheck?.test?.length).toBeGreaterThan(1);
    for (const name of APP_SERVICES) {
      expect(withKurrent.services[name].environment).toMatchObject({ KURRENTDB_URL: 'esdb://kurrentdb:2113?tls=false', SERVICE: name });
      expect(withKurrent.services[name].depends_on?.kurrentdb?.condition).toBe('service_healthy');
    }
    expect(Object.values(services).some((service) => 'KURRENTDB_URL' in (service.environment ?? {}))).toBe(false);
    expect(config([], ['kurrentdb']).services.kurrentdb).toBeDefined();
  });

  it('refuses the KurrentDB override without its profile, rather than starting services that wait for nothing', () => {
    const result = compose(['-f', 'docker-compose.yml', '-f', KURRENTDB_OVERRIDE, 'config', '--quiet']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('kurrentdb');
  });
});

/** The ENV lines of the Dockerfile's last stage, as a map: what every container starts with. */
function imageEnvironment(): Record<string, string> {
  const lastStage = DOCKERFILE.slice(DOCKERFILE.lastIndexOf('\nFROM '));
  const environment: Record<string, string> = {};
  for (const [, block] of lastStage.matchAll(/^ENV ((?:.*\\\n)*.*)$/gm))
    for (const [, name, value] of block.matchAll(/([A-Z_]+)=(\S+)/g)) environment[name] = value;
  return environment;
}

describe('deploy/Dockerfile', () => {
  const stages = [...DOCKERFILE.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)];

  it('builds in a node:20 stage and runs from a slim one', () => {
    expect(stages.map(([, image, name]) => [image, name])).toEqual([
      ['node:${NODE_VERSION}-bookworm', 'build'],
      ['node:${NODE_VERSION}-bookworm-slim', 'runtime'],
    ]);
    expect(DOCKERFILE).toMatch(/^ARG NODE_VERSION=20\.\d+$/m);
    expect(DOCKERFILE).toMatch(/npm ci/);
    expect(DOCKERFILE).toMatch(/npm run build/);
    expect(DOCKERFILE).toMatch(/npm prune --omit=dev/);
  });

  it('runs as a numeric user that is not root', () => {
    const users = [...DOCKERFILE.matchAll(/^USER (\S+)$/gm)].map(([, user]) => user);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(DOCKERFILE.lastIndexOf('\nUSER ')).toBeGreaterThan(DOCKERFILE.lastIndexOf('\nFROM '));
  });

  it("checks the service's health on /health/live", () => {
    expect(DOCKERFILE).toMatch(/^HEALTHCHECK .* CMD \["node", "deploy\/container\/healthcheck\.js"\]$/m);
    expect(readFileSync(resolve(ROOT, 'deploy/container/healthcheck.js'), 'utf8')).toContain('/health/live');
  });

  it('bakes in no secret: the image sets only where the KEK store and outbox are, and how to listen', () => {
    expect(Object.keys(imageEnvironment()).sort()).toEqual(['KEK_STORE_DIR', 'LISTEN_ADDRESS', 'NODE_ENV', 'OUTBOX_DIR']);
    expect(imageEnvironment().KEK_STORE_DIR).toBe(KEK_STORE_DIR);
    expect(DOCKERFILE).not.toMatch(/KEY=|PASSWORD|SECRET=|secrets\//);
    const ignored = readFileSync(resolve(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const path of ['**/node_modules', '**/dist', 'data', 'secrets', 'outbox', '.git', '.env']) expect(ignored).toContain(path);
  });
});
