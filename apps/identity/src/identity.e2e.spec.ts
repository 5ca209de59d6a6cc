import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { blindToken } from '@privacy-ledger/keyring';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchDatabase,
  eventually,
  generateSigningKey,
  findCanariesInFiles,
  findCanariesInText,
  readableByOthers,
  freePort,
  http,
  readDatabase,
  serverDatabaseUrl,
  ServiceProcess,
  WORKSPACE_ROOT,
  inheritedEnvironment,
} from '@privacy-ledger/testing';

const canary = {
  username: 'canaryuser9137',
  password: 'canary-passphrase-9137',
  name: 'Canaryname Quixotic',
  email: 'canary.mail9137@quixotic.example',
  street: 'Canarystreet 9137',
  city: 'Quixvillecanary',
  postalCode: 'QX9137',
  phone: '+31 6 9137 2468',
  phoneAsStored: '+31691372468',
  newEmail: 'canary.changed9137@quixotic.example',
  staffName: 'Canarystaff Quillon',
};
const CANARIES = Object.values(canary);

const signup = {
  kind: 'individual',
  username: canary.username,
  password: canary.password,
  name: canary.name,
  email: canary.email,
  address: { street: canary.street, city: canary.city, postalCode: canary.postalCode, country: 'NL' },
  phone: canary.phone,
};

/** The customer's journey of P1, P3 and P16: open, log in, read, edit. Returns the access token. */
async function customerJourney(signupUrl: string, otherUrl: string): Promise<string> {
  expect((await http(signupUrl, 'POST', '/accounts', { body: signup })).status).toBe(201);
  expect(await http(otherUrl, 'POST', '/accounts', { body: { ...signup, email: 'someone@example.test' } })).toMatchObject({
    status: 409,
    body: { message: 'this username is taken' },
  });
  const login = await http(otherUrl, 'POST', '/sessions', { body: { username: canary.username, password: canary.password } });
  expect(login.status).toBe(201);
  const token = login.body.accessToken as string;
  const me = await http(signupUrl, 'GET', '/accounts/me', { token });
  expect(me.body).toMatchObject({
    kind: 'individual',
    username: canary.username,
    name: canary.name,
    email: canary.email,
    phone: canary.phoneAsStored,
    address: signup.address,
  });
  const edited = await http(otherUrl, 'PATCH', '/accounts/me', { token, body: { email: canary.newEmail } });
  expect(edited).toMatchObject({ status: 200, body: { email: canary.newEmail, version: 2 } });
  const stale = await http(signupUrl, 'PATCH', '/accounts/me', { token, body: { name: 'Someone Else' }, headers: { 'if-match': '0' } });
  expect(stale.status).toBe(409);
  expect((await http(signupUrl, 'GET', '/accounts/me', { token })).body).toMatchObject({ email: canary.newEmail, name: canary.name });
  return token;
}

describe('identity, embedded (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'identity-e2e-'));
  // Not made here: the service creates it, as `npm start` does.
  const outbox = `${dataDir}-outbox`;
  let service: ServiceProcess;
  let url: string;
  let cliOutput = '';

  beforeAll(async () => {
    const env = { DATA_DIR: dataDir, SECRETS_DIR: `${dataDir}-secrets`, STAFF_PASSWORD: 'staff-passphrase-9137' };
    cliOutput = execFileSync(
      process.execPath,
      [
        'apps/identity/dist/cli/create-staff.cli.js',
        '--username',
        'privacy.officer',
        '--name',
        canary.staffName,
        '--email',
        'po@example.test',
        '--role',
        'privacy-officer',
      ],
      { cwd: WORKSPACE_ROOT, env: { ...inheritedEnvironment(), ...env, DATABASE_URL: '' }, encoding: 'utf8' },
    );
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = ServiceProcess.start('deploy/embedded/dist/main.js', {
      DATA_DIR: dataDir,
      SECRETS_DIR: `${dataDir}-secrets`,
      OUTBOX_DIR: outbox,
      IDENTITY_PORT: String(port),
      DATABASE_URL: '',
    });
    await service.waitForHealth(url);
  });
  afterAll(() => service?.stop());

  it('opens, logs in, reads and edits an account', async () => {
    await customerJourney(url, url);
  });

  it('lets the first privacy officer, created on the command line, create staff with roles', async () => {
    expect(cliOutput).toMatch(/staff member created/);
    const officer = (await http(url, 'POST', '/sessions', { body: { username: 'privacy.officer', password: 'staff-passphrase-9137' } }))
      .body.accessToken;
    const created = await http(url, 'POST', '/staff', {
      token: officer,
      body: {
        username: 'support.one',
        password: 'support-passphrase-1',
        name: 'Sam Support',
        email: 'sam@example.test',
        roles: ['support'],
      },
    });
    expect(created.status).toBe(201);
    const support = (await http(url, 'POST', '/sessions', { body: { username: 'support.one', password: 'support-passphrase-1' } })).body
      .accessToken;
    expect((await http(url, 'POST', '/staff', { token: support, body: {} })).status).toBe(403);
    expect((await http(url, 'GET', '/accounts/me', { token: support })).status).toBe(403);
  });

  it('records each login as a session with time and IP address, readable only by its owner', async () => {
    const token = (await http(url, 'POST', '/sessions', { body: { username: canary.username, password: canary.password } })).body
      .accessToken;
    const sessions = await eventually(
      () => http(url, 'GET', '/sessions/mine', { token }),
      (r) => r.body.length >= 2,
    );
    expect(sessions.body[0]).toMatchObject({
      sessionId: expect.any(String),
      startedAt: expect.any(String),
      ipAddress: expect.stringMatching(/127\.0\.0\.1/),
    });
  });

  it('publishes its JWKS and documentation', async () => {
    expect((await http(url, 'GET', '/.well-known/jwks.json')).body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect((await http(url, 'GET', '/docs')).status).toBe(200);
  });

  it('refuses a second process on the same data directory', async () => {
    const second = ServiceProcess.start('deploy/embedded/dist/main.js', {
      DATA_DIR: dataDir,
      SECRETS_DIR: `${dataDir}-secrets`,
      IDENTITY_PORT: String(await freePort()),
      DATABASE_URL: '',
    });
    expect(await second.waitForExit()).toBe(1);
    expect(second.output).toMatch(/is in use by process \d+/);
  });

  it('refuses to start with a malformed signing key, naming the variable and never quoting its value', async () => {
    const starting = ServiceProcess.start('deploy/embedded/dist/main.js', {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'identity-bad-key-')),
      SECRETS_DIR: `${dataDir}-other-secrets`,
      IDENTITY_SIGNING_KEY: 'Qx7canarySigningKey, not a JWK',
      DATABASE_URL: '',
    });
    expect(await starting.waitForExit()).toBe(1);
    expect(starting.output).toContain('IDENTITY_SIGNING_KEY must be a private Ed25519 key as a JWK (JSON)');
    expect(starting.output).not.toContain('Qx7');
  });

  it('refuses to start on a database it cannot reach, naming DATABASE_URL and never quoting it', async () => {
    const starting = ServiceProcess.start('apps/identity/dist/main.js', {
      DATABASE_URL: `postgres://postgres:Qx7canaryPassword@127.0.0.1:${await freePort()}/nowhere`,
      KEK_STORE_DIR: mkdtempSync(join(tmpdir(), 'identity-no-db-kek-')),
      KEYRING_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      IDENTITY_SIGNING_KEY: await generateSigningKey(),
      IDENTITY_PORT: String(await freePort()),
    });
    expect(await starting.waitForExit()).toBe(1);
    expect(starting.output).toContain('DATABASE_URL: the database cannot be reached or refuses the connection (ECONNREFUSED)');
    expect(starting.output).not.toContain('Qx7');
  });

  it('stops on SIGTERM, leaving no canary in plain text in the data directory or the logs, and no key in the data directory', async () => {
    // The signup's verification mail, written by contacts' reactor, makes the outbox.
    await eventually(
      async () => (existsSync(outbox) ? readdirSync(outbox) : []),
      (files) => files.length > 0,
    );
    expect(await service.stop()).toBe(0);
    expect(readdirSync(dataDir)).toEqual(['pglite']);
    expect(readdirSync(join(`${dataDir}-secrets`, 'kek')).sort()).toEqual(['contacts', 'identity', 'payment-vault', 'retention']);
    expect(readdirSync(join(`${dataDir}-secrets`, 'kek', 'identity'))).toEqual(['epoch-1.key']);
    expect([dataDir, `${dataDir}-secrets`, outbox].flatMap(readableByOthers)).toEqual([]);
    // The scan can see what is stored in clear (event types), so an empty result means something.
    expect(findCanariesInFiles(dataDir, ['AccountDetailsChanged']).length).toBeGreaterThan(0);
    expect(findCanariesInFiles(dataDir, CANARIES)).toEqual([]);
    expect(findCanariesInText(service.output, CANARIES)).toEqual([]);
    expect(service.output).toMatch(/"msg":"request"/);
  });
});

describe('identity, embedded, stopped by SIGTERM in the middle of writes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'identity-sigterm-'));
  const start = async () => {
    const port = await freePort();
    const service = ServiceProcess.start('deploy/embedded/dist/main.js', {
      DATA_DIR: dataDir,
      SECRETS_DIR: `${dataDir}-secrets`,
      IDENTITY_PORT: String(port),
      DATABASE_URL: '',
    });
    await service.waitForHealth(`http://127.0.0.1:${port}`);
    return { service, url: `http://127.0.0.1:${port}` };
  };

  it('answers the requests in flight before it stops, and loses no write it acknowledged', async () => {
    const first = await start();
    const usernames = Array.from({ length: 40 }, (_, i) => `loaded.customer${i}`);
    const acknowledged: string[] = [];
    const answers: number[] = [];
    let stopped: Promise<number | null> | undefined;
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < usernames.length) {
          const username = usernames[next++];
          if (acknowledged.length === 8) stopped ??= first.service.stop();
          const response = await http(first.url, 'POST', '/accounts', { body: { ...signup, username } }).catch(() => null);
          if (response) answers.push(response.status);
          if (response?.status === 201) acknowledged.push(username);
        }
      }),
    );
    expect(await stopped).toBe(0);
    expect(first.service.output).toMatch(/"msg":"stopping","signal":"SIGTERM"/);
    expect(acknowledged.length).toBeGreaterThanOrEqual(8);
    expect(acknowledged.length).toBeLessThan(usernames.length);
    // A request either was refused at the door or ran to its end: none was cut off half-way.
    expect(answers.filter((status) => status !== 201)).toEqual([]);

    const second = await start();
    try {
      for (const username of acknowledged) {
        const login = await http(second.url, 'POST', '/sessions', { body: { username, password: canary.password } });
        expect({ username, status: login.status }).toEqual({ username, status: 201 });
        expect((await http(second.url, 'GET', '/accounts/me', { token: login.body.accessToken })).body).toMatchObject({
          username,
          email: canary.email,
        });
      }
    } finally {
      await second.service.stop();
    }
  }, 120_000);
});

const serverUrl = serverDatabaseUrl();
(serverUrl ? describe : describe.skip)('identity, server mode: two processes on one PostgreSQL database', () => {
  const processes: ServiceProcess[] = [];
  let urls: string[] = [];
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!);
    env = {
      DATABASE_URL: scratch.url,
      KEK_STORE_DIR: mkdtempSync(join(tmpdir(), 'kek-store-')),
      KEYRING_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      IDENTITY_SIGNING_KEY: await generateSigningKey(),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'identity-server-')),
      PROJECTION_LEASE_SECONDS: '2',
    };
    const ports = [await freePort(), await freePort(), await freePort()];
    urls = ports.map((port) => `http://127.0.0.1:${port}`);
    for (const port of ports.slice(0, 2))
      processes.push(ServiceProcess.start('apps/identity/dist/main.js', { ...env, IDENTITY_PORT: String(port) }));
    // Identity hands each signup's contact person over to contacts, under contacts' own KEK: contacts runs too.
    processes.push(
      ServiceProcess.start('apps/contacts/dist/main.js', { ...env, IDENTITY_PORT: String(ports[0]), CONTACTS_PORT: String(ports[2]) }),
    );
    await Promise.all(processes.map((p, i) => p.waitForHealth(urls[i])));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await scratch?.drop();
  });

  it('moves the leases of a frozen process (kill -STOP) to the other within the lease time, and logs the handover', async () => {
    const activeRunners = async (url: string) =>
      ((await (await fetch(`${url}/health`)).json()) as { runners: { active: boolean }[] }).runners.filter((r) => r.active).length;
    const holdsMore = (await activeRunners(urls[0])) >= (await activeRunners(urls[1])) ? 0 : 1;
    const [frozen, other] = [processes[holdsMore], processes[1 - holdsMore]];
    frozen.signal('SIGSTOP');
    try {
      const runners = ((await (await fetch(`${urls[1 - holdsMore]}/health`)).json()) as { runners: unknown[] }).runners.length;
      expect(
        await eventually(
          () => activeRunners(urls[1 - holdsMore]),
          (active) => active === runners,
        ),
      ).toBe(runners);
      expect(other.output).toContain(`"previousHolder":"${hostname()} pid ${frozen.pid} `);
    } finally {
      frozen.signal('SIGCONT');
    }
    expect(
      await eventually(
        () => activeRunners(urls[holdsMore]),
        (active) => active === 0,
      ),
    ).toBe(0);
  });

  it('serves one customer across both processes and leaves no canary in a pg_dump or the logs', async () => {
    await customerJourney(urls[0], urls[1]);
    for (const p of processes) expect(await p.stop()).toBe(0);
    const dump = execFileSync('pg_dump', ['--data-only', scratch.url], { maxBuffer: 256 * 1024 * 1024 });
    expect(findCanariesInText(dump, ['AccountDetailsChanged'])).toHaveLength(1);
    expect(findCanariesInText(dump, CANARIES)).toEqual([]);
    expect(findCanariesInText(processes.map((p) => p.output).join('\n'), CANARIES)).toEqual([]);
  });

  it('binds at its next start, under their key only, the names and addresses claimed before tokens were bound to epochs', async () => {
    const configured = Buffer.from(env.KEYRING_BLIND_INDEX_KEY, 'base64');
    const [username, email] = [blindToken(configured, 'username', canary.username), blindToken(configured, 'email', canary.newEmail)];
    const unbound = `select token from keyring_blind_index where epoch is null
                     union all select token from keyring_blind_lookup where epoch is null`;
    await readDatabase(scratch.url, async (rows) => {
      const asBefore = `set token = $1, epoch = null, sealed = null, owner = null where subject_id like 'customer-%'`;
      await rows(`update keyring_blind_index ${asBefore} and scope = 'username'`, [username]);
      await rows(`update keyring_blind_lookup ${asBefore} and scope = 'email'`, [email]);
      expect((await rows(unbound)).map((row) => row.token).sort()).toEqual([username, email].sort());
    });
    const wrongKey = { ...env, KEYRING_BLIND_INDEX_KEY: randomBytes(32).toString('base64'), IDENTITY_PORT: String(await freePort()) };
    const refused = ServiceProcess.start('apps/identity/dist/main.js', wrongKey);
    expect(await refused.waitForExit()).not.toBe(0);
    expect(refused.output).toContain(
      'KEYRING_BLIND_INDEX_KEY is not the key the blind-index entries an older version wrote were made with',
    );
    expect(refused.output).not.toContain(wrongKey.KEYRING_BLIND_INDEX_KEY);
    expect(refused.output).not.toContain('blind-index entries bound to the KEK epoch');
    const url = `http://127.0.0.1:${await freePort()}`;
    const restarted = ServiceProcess.start('apps/identity/dist/main.js', { ...env, IDENTITY_PORT: new URL(url).port });
    try {
      await restarted.waitForHealth(url);
      expect(
        await eventually(
          () => readDatabase(scratch.url, (rows) => rows(unbound)),
          (left) => left.length === 0,
        ),
      ).toEqual([]);
      expect(restarted.output).toContain('"msg":"blind-index entries bound to the KEK epoch","bound":2,"deleted":0,"unmatched":0');
      const login = await http(url, 'POST', '/sessions', { body: { username: canary.username, password: canary.password } });
      expect(login.status).toBe(201);
    } finally {
      expect(await restarted.stop()).toBe(0);
    }
  });

  it('refuses to start on a ledger that ends before what its read models have read, as after restoring an older copy', async () => {
    await readDatabase(scratch.url, (rows) => rows('update projection_checkpoints set position = position + 1000'));
    const started = ServiceProcess.start('apps/identity/dist/main.js', { ...env, IDENTITY_PORT: String(await freePort()) });
    expect(await started.waitForExit()).not.toBe(0);
    expect(started.output).toContain('CheckpointsAheadOfLogError');
  });
});
