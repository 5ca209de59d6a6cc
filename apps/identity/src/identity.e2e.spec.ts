import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchDatabase,
  eventually,
  generateSigningKey,
  findCanariesInFiles,
  readOutbox,
  findCanariesInText,
  freePort,
  http,
  serverDatabaseUrl,
  ServiceProcess,
  WORKSPACE_ROOT,
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
  expect(edited).toMatchObject({ status: 200, body: { email: canary.newEmail, version: 1 } });
  const stale = await http(signupUrl, 'PATCH', '/accounts/me', { token, body: { name: 'Someone Else' }, headers: { 'if-match': '0' } });
  expect(stale.status).toBe(409);
  expect((await http(signupUrl, 'GET', '/accounts/me', { token })).body).toMatchObject({ email: canary.newEmail, name: canary.name });
  return token;
}

describe('identity, embedded (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'identity-e2e-'));
  const outbox = mkdtempSync(join(tmpdir(), 'identity-e2e-outbox-'));
  let service: ServiceProcess;
  let url: string;
  let cliOutput = '';

  beforeAll(async () => {
    const env = { DATA_DIR: dataDir, STAFF_PASSWORD: 'staff-passphrase-9137' };
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
      { cwd: WORKSPACE_ROOT, env: { ...process.env, ...env, DATABASE_URL: '' }, encoding: 'utf8' },
    );
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = ServiceProcess.start('deploy/embedded/dist/main.js', {
      DATA_DIR: dataDir,
      OUTBOX_DIR: outbox,
      IDENTITY_PORT: String(port),
      DATABASE_URL: '',
    });
    await service.waitForHealth(url);
  });
  afterAll(() => service?.stop());

  it('opens, logs in, reads and edits an account, answering bad input with every problem named', async () => {
    const invalid = await http(url, 'POST', '/accounts', {
      body: { kind: 'individual', username: 'x', password: 'short', name: '', email: 'nope', extra: 1 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toEqual(
      expect.arrayContaining([
        'property extra should not exist',
        'password must have at least 12 characters',
        'email must be an email',
        expect.stringMatching(/^username/),
      ]),
    );
    const { address: _address, ...withoutAddress } = signup;
    expect((await http(url, 'POST', '/accounts', { body: { ...withoutAddress, username: 'noaddress' } })).body.message).toBe(
      'address is required for an individual account',
    );
    await customerJourney(url, url);
  });

  it('keeps every account to itself and denies what is not allowed', async () => {
    const other = { ...signup, username: 'second.customer', email: 'second@example.test' };
    expect((await http(url, 'POST', '/accounts', { body: other })).status).toBe(201);
    const token = (await http(url, 'POST', '/sessions', { body: { username: 'second.customer', password: canary.password } })).body
      .accessToken;
    expect((await http(url, 'GET', '/accounts/me', { token })).body.username).toBe('second.customer');
    expect((await http(url, 'GET', '/accounts/me')).status).toBe(401);
    expect((await http(url, 'GET', '/accounts/me', { token: `${token}x` })).status).toBe(401);
    expect((await http(url, 'POST', '/staff', { token, body: {} })).status).toBe(403);
  });

  it('answers a failed login the same whether or not the user exists, and slows repeated failures', async () => {
    const wrong = await http(url, 'POST', '/sessions', { body: { username: canary.username, password: 'wrong password!' } });
    const unknown = await http(url, 'POST', '/sessions', { body: { username: 'nobody.here', password: 'wrong password!' } });
    expect(wrong).toMatchObject({ status: 401, body: { message: 'invalid username or password' } });
    expect(unknown.body).toEqual(wrong.body);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await http(url, 'POST', '/sessions', { body: { username: 'nobody.here', password: 'wrong password!' } })).status);
    expect(statuses.slice(-1)).toEqual([429]);
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

  it('opens billing details only to a session whose password was re-entered moments ago (P14)', async () => {
    const token = (await http(url, 'POST', '/sessions', { body: { username: canary.username, password: canary.password } })).body
      .accessToken;
    const refused = await http(url, 'GET', '/accounts/me/billing-details', { token });
    expect(refused).toMatchObject({ status: 403, body: { message: expect.stringMatching(/step-up/) } });
    expect((await http(url, 'POST', '/sessions/step-up', { token, body: { password: 'not my password' } })).status).toBe(401);
    const stepUp = await http(url, 'POST', '/sessions/step-up', { token, body: { password: canary.password } });
    expect(stepUp).toMatchObject({ status: 201, body: { accessToken: expect.any(String), stepUpValidForSeconds: 300 } });
    const steppedUp = stepUp.body.accessToken as string;
    expect((await http(url, 'GET', '/accounts/me/billing-details', { token: steppedUp })).status).toBe(404);
    const billing = { name: canary.name, address: signup.address, vatId: 'NL123456789B01' };
    expect((await http(url, 'PUT', '/accounts/me/billing-details', { token, body: billing })).status).toBe(403);
    expect(await http(url, 'PUT', '/accounts/me/billing-details', { token: steppedUp, body: billing })).toMatchObject({
      status: 200,
      body: billing,
    });
    expect((await http(url, 'PUT', '/accounts/me/billing-details', { token: steppedUp, body: { address: {} } })).body.message).toEqual(
      expect.arrayContaining(['name must be a string', 'address.street must be a string']),
    );
    expect((await http(url, 'GET', '/accounts/me/billing-details', { token: steppedUp })).body).toEqual(billing);
    expect((await http(url, 'GET', '/accounts/me/billing-details', { token })).status).toBe(403);
  });

  it('publishes its JWKS and documentation', async () => {
    expect((await http(url, 'GET', '/.well-known/jwks.json')).body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect((await http(url, 'GET', '/docs')).status).toBe(200);
  });

  it('resets a lost password through the e-mail address on record only, once, ending every session (P17)', async () => {
    const accepted = { status: 'accepted', message: expect.stringMatching(/if a login matches/) };
    const reset = (body: object) => http(url, 'POST', '/password-resets', { body });
    expect(await reset({ username: canary.username })).toMatchObject({ status: 202, body: accepted });
    const unknown = await reset({ username: 'nobody.at.all' });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual((await reset({ email: 'nobody@nowhere.example' })).body);
    expect((await reset({ email: canary.email })).status).toBe(202);
    expect((await reset({})).status).toBe(400);
    expect((await reset({ username: 'a', email: 'a@example.test' })).body.message).toBe('name either a username or an email, not both');
    const mails = (await readOutbox(outbox)).filter((mail) => mail.subject === 'Reset your password');
    expect(mails.filter((mail) => mail.recipients.includes(canary.newEmail))).toHaveLength(1);
    expect(mails.filter((mail) => mail.recipients.includes(canary.email))).toHaveLength(0);

    const before = (await http(url, 'POST', '/sessions', { body: { username: 'second.customer', password: canary.password } })).body
      .accessToken;
    expect((await reset({ email: 'Second@Example.test' })).status).toBe(202);
    const [message] = (await readOutbox(outbox)).filter(
      (mail) => mail.subject === 'Reset your password' && mail.recipients.includes('second@example.test'),
    );
    const token = /^[0-9a-f-]{36}\.[\w-]+$/m.exec(message.text)![0];
    const complete = (body: object) => http(url, 'POST', '/password-resets/completion', { body });
    expect((await complete({ token: `${token}x`, password: 'a brand new passphrase' })).status).toBe(400);
    expect((await complete({ token, password: 'short' })).body.message).toEqual(['password must have at least 12 characters']);
    expect(await complete({ token, password: 'a brand new passphrase' })).toMatchObject({
      status: 200,
      body: { status: 'password changed' },
    });
    expect((await complete({ token, password: 'another new passphrase' })).status).toBe(400);
    expect(await http(url, 'GET', '/accounts/me', { token: before })).toMatchObject({
      status: 401,
      body: { message: 'this session was ended: log in again' },
    });
    expect((await http(url, 'POST', '/sessions', { body: { username: 'second.customer', password: canary.password } })).status).toBe(401);
    const after = (await http(url, 'POST', '/sessions', { body: { username: 'second.customer', password: 'a brand new passphrase' } })).body
      .accessToken;
    expect((await http(url, 'GET', '/accounts/me', { token: after })).body.username).toBe('second.customer');
  });

  it('lets the privacy officer publish a version that applies 30 days after notice, and tells customers which applies (P18)', async () => {
    const officer = (await http(url, 'POST', '/sessions', { body: { username: 'privacy.officer', password: 'staff-passphrase-9137' } }))
      .body.accessToken;
    const support = (await http(url, 'POST', '/sessions', { body: { username: 'support.one', password: 'support-passphrase-1' } })).body
      .accessToken;
    const customer = (await http(url, 'POST', '/sessions', { body: { username: canary.username, password: canary.password } })).body
      .accessToken;
    const body = { version: '2026-12', summary: 'Sharing with partners explained' };
    expect((await http(url, 'POST', '/policy-versions', { body })).status).toBe(401);
    expect((await http(url, 'POST', '/policy-versions', { token: support, body })).status).toBe(403);
    expect((await http(url, 'POST', '/policy-versions', { token: customer, body })).status).toBe(403);
    expect((await http(url, 'POST', '/policy-versions', { token: officer, body: { ...body, noticeDate: '2020-01-01' } })).status).toBe(400);
    const published = await http(url, 'POST', '/policy-versions', { token: officer, body });
    expect(published).toMatchObject({
      status: 201,
      body: { version: '2026-12', noticeAt: expect.any(String), effectiveAt: expect.any(String) },
    });
    expect(Date.parse(published.body.effectiveAt) - Date.parse(published.body.noticeAt)).toBe(30 * 24 * 3600_000);
    expect((await http(url, 'POST', '/policy-versions', { token: officer, body })).status).toBe(409);
    expect((await http(url, 'GET', '/accounts/me/policy')).status).toBe(401);
    expect((await http(url, 'GET', '/accounts/me/policy', { token: customer })).body).toEqual({
      current: { version: '1', noticeAt: null, effectiveAt: null },
      upcoming: [{ version: '2026-12', summary: body.summary, noticeAt: published.body.noticeAt, effectiveAt: published.body.effectiveAt }],
    });
    expect((await http(url, 'GET', '/policy-versions')).body).toHaveLength(1);
  });

  it('records mailing and sharing choices with time and policy version, for the customer and staff who need them (P13, P15)', async () => {
    const customer = (await http(url, 'POST', '/sessions', { body: { username: canary.username, password: canary.password } })).body
      .accessToken;
    const other = (await http(url, 'POST', '/sessions', { body: { username: 'second.customer', password: 'a brand new passphrase' } })).body
      .accessToken;
    expect((await http(url, 'GET', '/accounts/me/consents', { token: customer })).body).toEqual({
      marketingMailings: true,
      partners: [],
      history: [],
    });
    expect(
      (await http(url, 'PUT', '/accounts/me/consents/marketing-mailings', { token: customer, body: { optIn: 'no' } })).body.message,
    ).toEqual(['optIn must be true or false']);
    expect(
      (await http(url, 'PUT', '/accounts/me/consents/marketing-mailings', { token: customer, body: { optIn: false } })).body,
    ).toMatchObject({ marketingMailings: false });
    expect(
      (await http(url, 'PUT', '/accounts/me/consents/partners/Not_A_Partner', { token: customer, body: { granted: true } })).status,
    ).toBe(400);
    await http(url, 'PUT', '/accounts/me/consents/partners/acme-backup', { token: customer, body: { granted: true } });
    await http(url, 'PUT', '/accounts/me/consents/marketing-mailings', { token: customer, body: { optIn: true } });
    const mine = (await http(url, 'GET', '/accounts/me/consents', { token: customer })).body;
    expect(mine).toMatchObject({ marketingMailings: true, partners: [{ partner: 'acme-backup', granted: true, policyVersion: '1' }] });
    expect(mine.history.map((h: { purpose: string; granted: boolean }) => [h.purpose, h.granted])).toEqual([
      ['marketing-mailings', false],
      ['sharing:acme-backup', true],
      ['marketing-mailings', true],
    ]);
    expect(mine.history[0]).toMatchObject({ policyVersion: '1', changedAt: expect.any(String) });
    expect((await http(url, 'GET', '/accounts/me/consents', { token: other })).body).toEqual({
      marketingMailings: true,
      partners: [],
      history: [],
    });

    const accountId = (await http(url, 'GET', '/accounts/me', { token: customer })).body.id;
    const staff = async (username: string, password: string) =>
      (await http(url, 'POST', '/sessions', { body: { username, password } })).body.accessToken;
    expect(
      (await http(url, 'GET', `/accounts/${accountId}/consents`, { token: await staff('support.one', 'support-passphrase-1') })).body,
    ).toEqual(mine);
    expect(
      (await http(url, 'GET', `/accounts/${accountId}/consents`, { token: await staff('privacy.officer', 'staff-passphrase-9137') }))
        .status,
    ).toBe(200);
    expect((await http(url, 'GET', `/accounts/${accountId}/consents`, { token: other })).status).toBe(403);
    expect((await http(url, 'GET', `/accounts/${accountId}/consents`)).status).toBe(401);
    for (const [method, path] of [
      ['GET', '/accounts/me/consents'],
      ['PUT', '/accounts/me/consents/marketing-mailings'],
      ['PUT', '/accounts/me/consents/partners/acme-backup'],
      ['GET', '/accounts/me/billing-details'],
      ['PUT', '/accounts/me/billing-details'],
      ['POST', '/sessions/step-up'],
      ['GET', '/sessions/mine'],
    ]) {
      expect({ method, path, status: (await http(url, method, path)).status }).toEqual({ method, path, status: 401 });
    }
  });

  it('refuses a second process on the same data directory', async () => {
    const second = ServiceProcess.start('deploy/embedded/dist/main.js', {
      DATA_DIR: dataDir,
      IDENTITY_PORT: String(await freePort()),
      DATABASE_URL: '',
    });
    expect(await second.waitForExit()).toBe(1);
    expect(second.output).toMatch(/is in use by process \d+/);
  });

  it('stops on SIGTERM, and leaves no canary in plain text in the data directory or the logs', async () => {
    expect(await service.stop()).toBe(0);
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
  });
});

const serverUrl = serverDatabaseUrl();
(serverUrl ? describe : describe.skip)('identity, server mode: two processes on one PostgreSQL database', () => {
  const processes: ServiceProcess[] = [];
  let urls: string[] = [];
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!);
    const env = {
      DATABASE_URL: scratch.url,
      KEYRING_KEKS: JSON.stringify({ 1: randomBytes(32).toString('base64') }),
      KEYRING_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      IDENTITY_SIGNING_KEY: await generateSigningKey(),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'identity-server-')),
    };
    const ports = [await freePort(), await freePort()];
    urls = ports.map((port) => `http://127.0.0.1:${port}`);
    for (const port of ports) processes.push(ServiceProcess.start('apps/identity/dist/main.js', { ...env, IDENTITY_PORT: String(port) }));
    await Promise.all(processes.map((p, i) => p.waitForHealth(urls[i])));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await scratch?.drop();
  });

  it('serves one customer across both processes and leaves no canary in a pg_dump or the logs', async () => {
    await customerJourney(urls[0], urls[1]);
    for (const p of processes) expect(await p.stop()).toBe(0);
    const dump = execFileSync('pg_dump', ['--data-only', scratch.url], { maxBuffer: 256 * 1024 * 1024 });
    expect(findCanariesInText(dump, ['AccountDetailsChanged'])).toHaveLength(1);
    expect(findCanariesInText(dump, CANARIES)).toEqual([]);
    expect(findCanariesInText(processes.map((p) => p.output).join('\n'), CANARIES)).toEqual([]);
  });
});
