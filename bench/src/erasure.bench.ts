/**
 * `npm run bench`, second part: an account's erasure costs the same whatever its history (issue 12, item 8).
 * The real platform (PGlite in a temporary directory by default, a scratch database on DATABASE_URL's server)
 * with all four real services in this process, as `npm start` runs them. For each size N, an account is signed
 * up over HTTP and given N events sealed under the customer's key (its AccountOpened and N-1 account-details
 * changes, sealed and appended in bulk as the write path would, not timed); the clock then runs from the
 * customer's closure for removal now until GET /erasures/:id says `completed`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createContactsApp } from '@privacy-ledger/contacts';
import {
  ACCOUNT_ERASURE_CONFIRMED,
  customerSubject,
  ERASURE_PARTICIPANTS,
  erasureConfirmationStream,
  kekEpochStream,
  type AccountErasureConfirmedData,
  type KekEpochRetiredData,
} from '@privacy-ledger/contracts';
import { createIdentityApp } from '@privacy-ledger/identity';
import { newEvent, sealedPartOf, type EventMetadata, type NewEvent } from '@privacy-ledger/ledger';
import { createPaymentVaultApp } from '@privacy-ledger/payment-vault';
import { runtimeConfig, type Platform } from '@privacy-ledger/platform';
import { createRetentionApp } from '@privacy-ledger/retention';
import { openPlatform } from '@privacy-ledger/runtime';
import { createScratchDatabase, freePort, generateSigningKey, logIn, type Call } from '@privacy-ledger/testing';

const SIZES = (process.env.BENCH_ERASURE_SIZES ?? '1,1000,100000').split(',').map(Number);
/**
 * Each size is erased this many times, in rounds that alternate the order of sizes; the median counts. A history
 * of more than 10,000 events takes minutes to set up (its appends, then every runner of every service reading it),
 * so those are erased once unless asked.
 */
const REPEATS = Number(process.env.BENCH_ERASURE_REPEATS ?? 5);
const LARGE_REPEATS = Number(process.env.BENCH_ERASURE_LARGE_REPEATS ?? 1);
const repeatsOf = (size: number) => (size > 10_000 ? LARGE_REPEATS : REPEATS);
const ROUNDS = Math.max(...SIZES.map(repeatsOf));
const POLL_MS = 5;
const APPEND_BATCH = 1000;
const PASSWORD = 'erasure-bench-passphrase';
const server = process.env.DATABASE_URL;

// Results go to the terminal; the services' own log lines go to a file in the run's directory.
const out = process.stdout.write.bind(process.stdout);
const say = (line: string) => void out(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The promise's outcome, or a failure saying `what` when it takes longer than `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * JSON over HTTP, a new connection per request: PGlite's queries run on this thread, and a loop blocked by them
 * misses a service closing an idle kept-alive connection, so that fetch's next request on it would fail.
 */
const http: Call = (baseUrl, method, path, options = {}) =>
  new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    };
    const sent = request(`${baseUrl}${path}`, { method, headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null, headers: new Headers() }));
    });
    sent.on('error', reject);
    sent.end(body);
  });

interface Service {
  readonly name: (typeof ERASURE_PARTICIPANTS)[number];
  readonly url: string;
}

interface Subject {
  readonly size: number;
  readonly round: number;
  readonly username: string;
  readonly accountId: string;
}

/** What one erasure took: on the bench's clock, and its steps as the ledger dates them (ms after the closure's request). */
interface Erasure {
  readonly subject: Subject;
  readonly ms: number;
  /** Reading the account's stream and opening every personal part, as identity's write path loads it (not timed in `ms`). */
  readonly loadMs: number;
  readonly steps: Record<string, number>;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'erasure-bench-'));
  const log = createWriteStream(join(root, 'services.log'));
  const quiet = (chunk: string | Uint8Array) => log.write(chunk);
  process.stdout.write = quiet as typeof process.stdout.write;
  process.stderr.write = quiet as typeof process.stderr.write;

  const scratch = server ? await createScratchDatabase(server) : undefined;
  const names = ['identity', 'contacts', 'payment-vault', 'retention'] as const;
  const ports = await Promise.all(names.map(() => freePort()));
  // The KEK store and the secrets beside the data directory, never inside it (the platform refuses that).
  const directories = Object.fromEntries(['data', 'secrets', 'kek', 'outbox'].map((name) => [name, join(root, name)]));
  Object.values(directories).forEach((path) => mkdirSync(path, { mode: 0o700 }));
  const env: NodeJS.ProcessEnv = {
    DATA_DIR: directories.data,
    SECRETS_DIR: directories.secrets,
    KEK_STORE_DIR: directories.kek,
    OUTBOX_DIR: directories.outbox,
    IDENTITY_PORT: String(ports[0]),
    CONTACTS_PORT: String(ports[1]),
    PAYMENT_VAULT_PORT: String(ports[2]),
    RETENTION_PORT: String(ports[3]),
    ...(scratch
      ? {
          DATABASE_URL: scratch.url,
          KEYRING_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
          PAYMENT_VAULT_FINGERPRINT_KEY: randomBytes(32).toString('base64'),
          IDENTITY_SIGNING_KEY: await generateSigningKey(),
          RETENTION_SIGNING_KEY: await generateSigningKey(),
        }
      : {}),
  };
  // The services read their signing keys (and nothing else of this run) from the process's environment.
  for (const name of ['IDENTITY_SIGNING_KEY', 'RETENTION_SIGNING_KEY']) {
    if (env[name]) process.env[name] = env[name];
    else delete process.env[name];
  }
  const config = runtimeConfig(env);
  const platform = await openPlatform(config, (message) => log.write(`${message}\n`), names);
  const creators = [createIdentityApp, createContactsApp, createPaymentVaultApp, createRetentionApp];
  const apps: INestApplication[] = [];
  const startServices = async () => {
    for (const [i, create] of creators.entries()) {
      const app = await create(platform);
      await app.listen(ports[i], '127.0.0.1');
      apps.push(app);
    }
  };
  const stopServices = async () => {
    // A runner stopped between taking its lease and subscribing waits for an end that never comes (ProjectionRunner
    // ends only a subscription it has): seen once here, so a stop that hangs fails the run instead of holding it.
    for (const app of apps.splice(0).reverse()) await within(60_000, app.close(), 'a service did not stop within a minute');
  };
  try {
    const services: Service[] = names.map((name, i) => ({ name, url: `http://127.0.0.1:${ports[i]}` }));
    const url = (name: Service['name']) => services.find((service) => service.name === name)!.url;
    say(
      `erasure bench: ${platform.config.databaseUrl ? 'PostgreSQL server (scratch database)' : 'PGlite (embedded)'}, ` +
        `four services in this process; sizes ${SIZES.map((size) => `${size} (${repeatsOf(size)}x)`).join(', ')}; ` +
        `logs in ${join(root, 'services.log')}`,
    );

    // Set-up, not timed: every account signed up over HTTP; then, the services stopped, their histories appended
    // (as if written before a restart), so that the services' runners catch up on them once, on the next start.
    let started = now();
    await startServices();
    const subjects: Subject[] = [];
    for (let round = 0; round < ROUNDS; round++)
      for (const size of SIZES.filter((size) => round < repeatsOf(size))) subjects.push(await signUp(url('identity'), size, round));
    await allCaughtUp(services);
    await stopServices();
    say(`  set up: ${subjects.length} accounts signed up in ${seconds(now() - started)}`);
    started = now();
    const spent = { sealing: 0, appending: 0 };
    for (const subject of subjects) {
      const { sealing, appending } = await giveHistory(platform, subject);
      [spent.sealing, spent.appending] = [spent.sealing + sealing, spent.appending + appending];
    }
    const total = subjects.reduce((sum, subject) => sum + subject.size - 1, 0);
    say(
      `  set up: ${total} account-details changes sealed and appended in ${seconds(now() - started)} ` +
        `(sealing ${seconds(spent.sealing)}, appending ${seconds(spent.appending)}, ${APPEND_BATCH} an append)`,
    );
    started = now();
    await startServices();
    const runners = await allCaughtUp(services);
    say(`  set up: the services restarted, their ${runners} runners (each reads the whole log) caught up in ${seconds(now() - started)}`);

    const erasures: Erasure[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating order, so that drift in a shared machine's load weighs on every size alike.
      const order = round % 2 === 0 ? SIZES : [...SIZES].reverse();
      for (const subject of order.flatMap((size) => subjects.filter((s) => s.size === size && s.round === round))) {
        const erasure = await erase(platform, url, subject);
        erasures.push(erasure);
        say(`  erased: ${subject.size} events (round ${round + 1}) in ${erasure.ms.toFixed(0)} ms; ${describeSteps(erasure)}`);
        await allCaughtUp(services);
      }
    }

    say('');
    const medians = new Map(SIZES.map((size) => [size, median(erasures.filter((e) => e.subject.size === size).map((e) => e.ms))]));
    const loads = new Map(SIZES.map((size) => [size, median(erasures.filter((e) => e.subject.size === size).map((e) => e.loadMs))]));
    for (const size of SIZES) {
      const all = erasures.filter((e) => e.subject.size === size).map((e) => e.ms.toFixed(0));
      say(
        `erase an account of ${String(size).padStart(6)} events: median ${medians.get(size)!.toFixed(0).padStart(6)} ms ` +
          `(${all.join(', ')}); for comparison, loading the account ${loads.get(size)!.toFixed(0)} ms`,
      );
    }
    const base = medians.get(SIZES[0])!;
    for (const size of SIZES.slice(1)) say(`ratio t(${size})/t(${SIZES[0]}): ${(medians.get(size)! / base).toFixed(2)}`);
  } finally {
    await stopServices();
    await platform.close();
    await scratch?.drop();
    log.end();
    // The database (half a gigabyte of PGlite after 100,000 events) and the keys go; the log stays for a look.
    Object.values(directories).forEach((path) => rmSync(path, { recursive: true, force: true }));
  }
}

/** Signs up an individual customer over identity's HTTP API, as the portal would. */
async function signUp(identity: string, size: number, round: number): Promise<Subject> {
  const username = `bench.${size}.r${round}.${randomBytes(3).toString('hex')}`;
  const signup = {
    kind: 'individual',
    username,
    password: PASSWORD,
    name: 'Bench Customer',
    email: `${username}@bench.example`,
    address: { street: 'Benchstraat 1', city: 'Utrecht', postalCode: '3511 AB', country: 'NL' },
    phone: '+31201234567',
  };
  const opened = await http(identity, 'POST', '/accounts', { body: signup });
  if (opened.status !== 201) throw new Error(`signup answered ${opened.status}`);
  const token = await logIn(http, identity, username, PASSWORD);
  const accountId = (await http(identity, 'GET', '/accounts/me', { token })).body.id as string;
  return { size, round, username, accountId };
}

/**
 * N-1 account-details changes after the AccountOpened: each sealed under the customer's key at its place in the
 * account's stream, as identity's write path seals them, and appended a batch at a time at the expected revision.
 */
async function giveHistory(platform: Platform, { size, accountId }: Subject): Promise<{ sealing: number; appending: number }> {
  const spent = { sealing: 0, appending: 0 };
  const keyring = platform.keyringOf('identity');
  const streamId = `account-${accountId}`;
  let revision = (await platform.events.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0].revision;
  const metadata: EventMetadata = { correlationId: randomUUID(), causationId: null, actor: accountId, occurredAt: '' };
  for (let done = 1; done < size;) {
    const count = Math.min(APPEND_BATCH, size - done);
    let started = now();
    // One after another: the first misses the keyring's cache (it keeps a key 750 ms) and the rest find the key
    // there, where a thousand at once would each miss it and each look the key up.
    const batch: NewEvent[] = [];
    for (let i = 0; i < count; i++) {
      const eventId = randomUUID();
      const changedAt = new Date().toISOString();
      // A different number each time: the decider records a change only when the value changes.
      const personal = { phone: `+3120${String(1_000_000 + ((done + i) % 9_000_000)).padStart(7, '0')}` };
      const sealed = await keyring.encrypt(customerSubject(accountId), personal, { streamId, eventId });
      const data = { accountId, fields: ['phone'], changedAt };
      batch.push(newEvent({ eventId, type: 'AccountDetailsChanged', data, personal: sealed }, { ...metadata, occurredAt: changedAt }));
    }
    spent.sealing += now() - started;
    started = now();
    revision = (await platform.events.append(streamId, batch, { expectedRevision: revision })).nextExpectedRevision;
    spent.appending += now() - started;
    done += count;
  }
  const stream = await platform.events.readStream(streamId);
  const sealedUnderCustomer = stream.filter((event) => event.type !== 'PrimaryContactSubmitted');
  if (sealedUnderCustomer.length !== size) throw new Error(`the account has ${sealedUnderCustomer.length} events, not ${size}`);
  const opened = await keyring.decryptMany(sealedUnderCustomer.slice(-1).map((event) => sealedPartOf(event)!));
  if (opened[0].status !== 'ok') throw new Error('the last change does not open under the customer key');
  return spent;
}

/** How long the runners may make no progress at all before the bench gives up, naming their faults. */
const STALL_LIMIT_MS = 180_000;

/**
 * Waits until every runner of every service applied everything committed, so that no backlog is timed, and says
 * how many runners there are. Faults on the way are waited out as long as checkpoints move: a lease lost under
 * load is taken again, and positions given to a large backlog in one transaction keep other readers waiting
 * (PositionsBlockedError) until it commits.
 */
async function allCaughtUp(services: readonly Service[]): Promise<number> {
  let progress = -1;
  let progressAt = now();
  for (;;) {
    const answers = await Promise.all(services.map((service) => http(service.url, 'GET', '/health')));
    const runners = answers.flatMap(
      (answer) => (answer.body?.runners ?? []) as { active: boolean; checkpoint: number; behindBy: number; fault: unknown }[],
    );
    if (runners.length > 0 && runners.every((runner) => runner.active && runner.behindBy === 0 && !runner.fault)) return runners.length;
    const checkpoints = runners.reduce((sum, runner) => sum + runner.checkpoint, 0);
    if (checkpoints !== progress) [progress, progressAt] = [checkpoints, now()];
    if (now() - progressAt > STALL_LIMIT_MS)
      throw new Error(`the runners made no progress for ${seconds(STALL_LIMIT_MS)}: ${JSON.stringify(runners.filter((r) => r.fault))}`);
    await sleep(50);
  }
}

async function erase(platform: Platform, url: (name: Service['name']) => string, subject: Subject): Promise<Erasure> {
  const loadMs = await timeLoad(platform, subject.accountId);
  const login = await logIn(http, url('identity'), subject.username, PASSWORD);
  const stepUp = await http(url('identity'), 'POST', '/sessions/step-up', { token: login, body: { password: PASSWORD } });
  if (stepUp.status !== 201) throw new Error(`step-up answered ${stepUp.status}`);
  // The garbage of the set-up's loads (a long account's log-in and step-up each read it whole) is collected
  // before the clock starts, not during the erasure (npm run bench passes --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const requestedAt = Date.now();
  const started = now();
  const closed = await http(url('retention'), 'POST', '/accounts/me/closure', {
    token: stepUp.body.accessToken,
    body: { removeNow: true },
  });
  if (closed.status !== 202) throw new Error(`closure answered ${closed.status}: ${JSON.stringify(closed.body)}`);
  for (;;) {
    const shown = await http(url('retention'), 'GET', `/erasures/${closed.body.erasureId}`);
    if (shown.body?.state === 'completed') break;
    if (now() - started > 120_000) throw new Error(`the erasure of ${subject.size} events is still ${shown.body?.state} after 2 minutes`);
    await sleep(POLL_MS);
  }
  const ms = now() - started;
  return { subject, ms, loadMs, steps: await stepsOf(platform, subject.accountId, requestedAt) };
}

/** What identity's write path does to load the account (every command, every log-in, and the erasure's login-throttle trace). */
async function timeLoad(platform: Platform, accountId: string): Promise<number> {
  const started = now();
  const stream = await platform.events.readStream(`account-${accountId}`);
  const parts = stream.filter((event) => event.type !== 'PrimaryContactSubmitted').map((event) => sealedPartOf(event)!);
  const opened = await platform.keyringOf('identity').decryptMany(parts);
  if (opened.some((part) => part.status !== 'ok')) throw new Error('a part of the account does not open');
  return now() - started;
}

/** The erasure's steps as the ledger dates them (the services' clock, to the millisecond), after the closure's request. */
async function stepsOf(platform: Platform, accountId: string, requestedAt: number): Promise<Record<string, number>> {
  const after = (iso: string) => Date.parse(iso) - requestedAt;
  const closure = await platform.events.readStream(`account-closure-${accountId}`);
  const at = (type: string) => closure.find((event) => event.type === type)?.metadata.occurredAt;
  const steps: Record<string, number> = { closed: after(at('AccountClosed')!), started: after(at('ErasureStarted')!) };
  for (const service of ERASURE_PARTICIPANTS) {
    const [confirmation] = await platform.events.readStream(erasureConfirmationStream(service, accountId), { maxCount: 1 });
    if (confirmation?.type !== ACCOUNT_ERASURE_CONFIRMED) continue;
    const confirmed = confirmation.data as unknown as AccountErasureConfirmedData;
    steps[`${service} confirmed`] = after(confirmed.confirmedAt);
    const needed = Math.max(0, ...confirmed.destroyedKeys.map((key) => key.epoch ?? 0));
    const retired = (await platform.events.readStream(kekEpochStream(service)))
      .map((event) => event.data as unknown as KekEpochRetiredData)
      .find((data) => data.epoch >= needed);
    if (needed > 0 && retired) steps[`${service} epoch retired`] = after(retired.retiredAt);
  }
  steps.completed = after(at('ErasureCompleted')!);
  return steps;
}

function describeSteps({ steps }: Erasure): string {
  return Object.entries(steps)
    .map(([step, ms]) => `${step} +${ms}`)
    .join(', ');
}

main().catch((error: unknown) => {
  say(String((error as Error)?.stack ?? error));
  process.exit(1);
});
