import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createScratchDatabase,
  eventually,
  findCanariesInFiles,
  findCanariesInText,
  freePort,
  generateSigningKey,
  http,
  linkIn,
  readOutbox,
  serverDatabaseUrl,
  ServiceProcess,
  WORKSPACE_ROOT,
  type ScratchDatabase,
} from '@privacy-ledger/testing';

const PASSWORD = 'contacts-e2e-passphrase';
/** Values of the contact that gets removed: none may be found in plain text anywhere. */
const removed = {
  name: 'Removablename Zanzibarq',
  email: 'removable.zq4471@canary.example',
  phone: '+44 20 7946 0958',
  phoneAsStored: '+442079460958',
};
/** A contact that stays: still readable after the other one is removed. */
const kept = { name: 'Keptname Ostrogothe', email: 'kept.og5512@canary.example' };

describe('contacts, embedded (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'contacts-e2e-'));
  const outbox = join(dataDir, '..', `${dataDir.split('/').pop()}-outbox`);
  let service: ServiceProcess;
  let identity: string;
  let contacts: string;

  const mailsTo = async (address: string) => (await readOutbox(outbox)).filter((mail) => mail.recipients.includes(address));
  const follow = async (address: string) => {
    const mails = await mailsTo(address);
    const link = linkIn(mails[mails.length - 1]);
    return http(contacts, 'GET', `${link.pathname}${link.search}`);
  };

  /** Signs a customer up and logs in; resolves once contacts shows the primary contact. */
  async function customer(username: string, email: string): Promise<string> {
    const signup = { kind: 'company', username, password: PASSWORD, name: `Owner of ${username}`, email, companyName: `${username} Ltd` };
    expect((await http(identity, 'POST', '/accounts', { body: signup })).status).toBe(201);
    const token = (await http(identity, 'POST', '/sessions', { body: { username, password: PASSWORD } })).body.accessToken as string;
    const list = await eventually(
      () => http(contacts, 'GET', '/accounts/me/contacts', { token }),
      (response) => response.body.contacts?.length === 1,
    );
    expect(list.body.contacts).toHaveLength(1);
    return token;
  }

  const staffToken = async (username: string) =>
    (await http(identity, 'POST', '/sessions', { body: { username, password: PASSWORD } })).body.accessToken as string;

  beforeAll(async () => {
    const env = { DATA_DIR: dataDir, OUTBOX_DIR: outbox, DATABASE_URL: '' };
    execFileSync(
      process.execPath,
      ['apps/identity/dist/cli/create-staff.cli.js', '--username', 'officer', '--name', 'Olga Officer', '--email', 'olga@example.test'],
      {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, ...env, STAFF_PASSWORD: PASSWORD },
      },
    );
    const [identityPort, contactsPort] = [await freePort(), await freePort()];
    identity = `http://127.0.0.1:${identityPort}`;
    contacts = `http://127.0.0.1:${contactsPort}`;
    service = ServiceProcess.start('deploy/embedded/dist/main.js', {
      ...env,
      IDENTITY_PORT: String(identityPort),
      CONTACTS_PORT: String(contactsPort),
    });
    await service.waitForHealth(identity);
    await service.waitForHealth(contacts);
    const officer = await staffToken('officer');
    for (const [username, role] of [
      ['sam.support', 'support'],
      ['bill.billing', 'billing'],
    ]) {
      const created = await http(identity, 'POST', '/staff', {
        token: officer,
        body: { username, password: PASSWORD, name: username, email: `${username}@example.test`, roles: [role] },
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(() => service?.stop());

  it('makes the signup contact the primary contact, and counts it as working once its e-mail is verified', async () => {
    const token = await customer('first.customer', 'owner@first.example');
    const before = (await http(contacts, 'GET', '/accounts/me/contacts', { token })).body;
    expect(before).toMatchObject({
      hasWorkingContact: false,
      contacts: [
        {
          name: 'Owner of first.customer',
          email: 'owner@first.example',
          roles: ['owner', 'billing', 'technical'],
          primary: true,
          emailVerified: false,
          phones: [],
          fax: null,
        },
      ],
    });
    expect(await follow('owner@first.example')).toMatchObject({ status: 200, body: { status: 'verified' } });
    expect((await follow('owner@first.example')).status).toBe(400);
    expect((await http(contacts, 'GET', '/accounts/me/contacts', { token })).body).toMatchObject({
      hasWorkingContact: true,
      contacts: [{ emailVerified: true }],
    });
    expect((await http(contacts, 'GET', '/contacts/email-verification?account=x&contact=y')).body.message).toEqual(
      expect.arrayContaining(['account must be an account id', 'contact must be a contact id']),
    );
  });

  it('adds and edits contacts with up to three phones and a fax in international form, naming every problem of bad input', async () => {
    const token = await customer('second.customer', 'owner@second.example');
    const invalid = await http(contacts, 'POST', '/accounts/me/contacts', {
      token,
      body: {
        roles: ['billing', 'janitor'],
        phones: ['+31 20 123 4567', '+31 20 123 4568', '+31 20 123 4569', '+31 20 123 4560'],
        fax: '020 123',
        extra: true,
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toEqual(
      expect.arrayContaining([
        'name must be a string',
        'email must be an e-mail address',
        'each role must be one of owner, billing, technical',
        'a contact may have at most 3 phone numbers',
        'fax must be a fax number in international form, starting with + and the country code',
        'property extra should not exist',
      ]),
    );
    const added = await http(contacts, 'POST', '/accounts/me/contacts', {
      token,
      body: {
        name: 'Bea Billing',
        email: 'bea@second.example',
        roles: ['billing'],
        phones: ['+31 20 123 4567', '+1 (202) 555-0143'],
        fax: '+31 20 765 4321',
      },
    });
    expect(added).toMatchObject({
      status: 201,
      body: {
        name: 'Bea Billing',
        roles: ['billing'],
        phones: ['+31201234567', '+12025550143'],
        fax: '+31207654321',
        emailVerified: false,
      },
    });
    expect(await mailsTo('bea@second.example')).toHaveLength(1);
    const edited = await http(contacts, 'PATCH', `/accounts/me/contacts/${added.body.id}`, {
      token,
      body: { roles: ['billing', 'technical'], fax: null },
    });
    expect(edited).toMatchObject({
      status: 200,
      body: { roles: ['billing', 'technical'], fax: null, phones: ['+31201234567', '+12025550143'] },
    });
    expect((await http(contacts, 'GET', '/accounts/me/contacts', { token })).body.contacts).toHaveLength(2);
    expect((await http(contacts, 'PATCH', '/accounts/me/contacts/not-an-id', { token, body: {} })).status).toBe(400);
    expect((await http(contacts, 'DELETE', '/accounts/me/contacts/6f1c7b2e-9a10-4a8e-9d43-5f1c7b2e9a10', { token })).status).toBe(404);
  });

  it('never lets the account lose its working contact (P5), not even to two removals racing', async () => {
    const token = await customer('third.customer', 'owner@third.example');
    await follow('owner@third.example');
    const [primary] = (await http(contacts, 'GET', '/accounts/me/contacts', { token })).body.contacts;
    const changeEmail = await http(contacts, 'PATCH', `/accounts/me/contacts/${primary.id}`, {
      token,
      body: { email: 'new@third.example' },
    });
    expect(changeEmail).toMatchObject({ status: 409, body: { message: expect.stringMatching(/verified e-mail address/) } });
    expect((await http(contacts, 'PATCH', `/accounts/me/contacts/${primary.id}`, { token, body: { roles: ['owner'] } })).status).toBe(409);
    expect((await http(contacts, 'DELETE', `/accounts/me/contacts/${primary.id}`, { token })).status).toBe(409);

    const second = await http(contacts, 'POST', '/accounts/me/contacts', {
      token,
      body: { name: 'Second Owner', email: 'second@third.example', roles: ['owner', 'billing', 'technical'] },
    });
    await follow('second@third.example');
    const removals = await Promise.all(
      [primary.id, second.body.id].map((id) => http(contacts, 'DELETE', `/accounts/me/contacts/${id}`, { token })),
    );
    expect(removals.map((r) => r.status).sort()).toEqual([204, 409]);
    expect((await http(contacts, 'GET', '/accounts/me/contacts', { token })).body).toMatchObject({
      hasWorkingContact: true,
      contacts: [expect.anything()],
    });
  });

  it('keeps every account to itself, and lets staff in only by role', async () => {
    const first = await customer('fourth.customer', 'owner@fourth.example');
    const other = await customer('fifth.customer', 'owner@fifth.example');
    const [theirs] = (await http(contacts, 'GET', '/accounts/me/contacts', { token: other })).body.contacts;
    expect((await http(contacts, 'PATCH', `/accounts/me/contacts/${theirs.id}`, { token: first, body: { name: 'Hijacked' } })).status).toBe(
      404,
    );
    expect((await http(contacts, 'DELETE', `/accounts/me/contacts/${theirs.id}`, { token: first })).status).toBe(404);
    expect((await http(contacts, 'POST', `/accounts/me/contacts/${theirs.id}/email-verification`, { token: first })).status).toBe(404);
    expect(
      (await http(contacts, 'GET', '/accounts/me/contacts', { token: first })).body.contacts.map((c: { email: string }) => c.email),
    ).toEqual(['owner@fourth.example']);

    const accountId = (await http(identity, 'GET', '/accounts/me', { token: other })).body.id;
    const [support, billing] = [await staffToken('sam.support'), await staffToken('bill.billing')];
    expect((await http(contacts, 'GET', `/accounts/${accountId}/contacts`, { token: support })).body.contacts).toHaveLength(1);
    expect((await http(contacts, 'GET', `/accounts/${accountId}/contacts`, { token: billing })).status).toBe(403);
    expect((await http(contacts, 'GET', `/accounts/${accountId}/contacts`, { token: first })).status).toBe(403);
    expect((await http(contacts, 'GET', '/accounts/me/contacts', { token: support })).status).toBe(403);
    for (const [method, path] of [
      ['GET', '/accounts/me/contacts'],
      ['POST', '/accounts/me/contacts'],
      ['PATCH', `/accounts/me/contacts/${theirs.id}`],
      ['DELETE', `/accounts/me/contacts/${theirs.id}`],
      ['POST', `/accounts/me/contacts/${theirs.id}/email-verification`],
      ['GET', `/accounts/${accountId}/contacts`],
    ]) {
      expect({ method, path, status: (await http(contacts, method, path)).status }).toEqual({ method, path, status: 401 });
    }
  });

  it('sends a new verification link on request, and only while the address is unverified', async () => {
    const token = await customer('sixth.customer', 'owner@sixth.example');
    const [primary] = (await http(contacts, 'GET', '/accounts/me/contacts', { token })).body.contacts;
    expect((await http(contacts, 'POST', `/accounts/me/contacts/${primary.id}/email-verification`, { token })).status).toBe(202);
    const mails = await mailsTo('owner@sixth.example');
    expect(mails).toHaveLength(2);
    const stale = linkIn(mails[0]);
    expect((await http(contacts, 'GET', `${stale.pathname}${stale.search}`)).status).toBe(400);
    expect((await follow('owner@sixth.example')).status).toBe(200);
    expect((await http(contacts, 'POST', `/accounts/me/contacts/${primary.id}/email-verification`, { token })).status).toBe(409);
  });

  it('removes a contact completely: gone from the list, its data unreadable everywhere, the others intact', async () => {
    const token = await customer('seventh.customer', 'owner@seventh.example');
    const doomed = await http(contacts, 'POST', '/accounts/me/contacts', {
      token,
      body: { name: removed.name, email: removed.email, roles: ['technical'], phones: [removed.phone] },
    });
    expect(doomed.status).toBe(201);
    await http(contacts, 'POST', '/accounts/me/contacts', { token, body: { name: kept.name, email: kept.email, roles: ['billing'] } });
    await http(contacts, 'PATCH', `/accounts/me/contacts/${doomed.body.id}`, { token, body: { roles: ['technical', 'billing'] } });
    expect((await http(contacts, 'DELETE', `/accounts/me/contacts/${doomed.body.id}`, { token })).status).toBe(204);
    const after = (await http(contacts, 'GET', '/accounts/me/contacts', { token })).body.contacts;
    expect(after.map((c: { name: string }) => c.name).sort()).toEqual([kept.name, 'Owner of seventh.customer']);
    expect((await http(contacts, 'PATCH', `/accounts/me/contacts/${doomed.body.id}`, { token, body: { name: 'Back' } })).status).toBe(404);
  });

  it('stops on SIGTERM and leaves no contact canary in plain text in the data directory or the logs', async () => {
    expect(await service.stop()).toBe(0);
    const canaries = [...Object.values(removed), ...Object.values(kept)];
    expect(findCanariesInFiles(dataDir, ['ContactRemoved']).length).toBeGreaterThan(0);
    expect(findCanariesInFiles(dataDir, canaries)).toEqual([]);
    expect(findCanariesInText(service.output, canaries)).toEqual([]);
    // The outbox stands for mail delivered to the outside world: the removed contact's link went there.
    expect(await mailsTo(removed.email)).toHaveLength(1);
  });
});

const serverUrl = serverDatabaseUrl();
(serverUrl ? describe : describe.skip)('contacts, server mode: identity and two contacts processes on one PostgreSQL database', () => {
  const processes: ServiceProcess[] = [];
  const outbox = mkdtempSync(join(tmpdir(), 'contacts-server-outbox-'));
  let scratch: ScratchDatabase;
  let identity: string;
  let contacts: string[];

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!);
    const ports = [await freePort(), await freePort(), await freePort()];
    identity = `http://127.0.0.1:${ports[0]}`;
    contacts = ports.slice(1).map((port) => `http://127.0.0.1:${port}`);
    const env = {
      DATABASE_URL: scratch.url,
      KEYRING_KEKS: JSON.stringify({ 1: randomBytes(32).toString('base64') }),
      KEYRING_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      IDENTITY_SIGNING_KEY: await generateSigningKey(),
      IDENTITY_PORT: String(ports[0]),
      OUTBOX_DIR: outbox,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'contacts-server-')),
    };
    processes.push(ServiceProcess.start('apps/identity/dist/main.js', env));
    for (const port of ports.slice(1))
      processes.push(
        ServiceProcess.start('apps/contacts/dist/main.js', { ...env, CONTACTS_PORT: String(port), CONTACTS_PUBLIC_URL: contacts[0] }),
      );
    await Promise.all([identity, ...contacts].map((url, i) => processes[i].waitForHealth(url)));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await scratch?.drop();
  });

  it('creates the primary contact once, serves from either process, and erases a removed contact for good', async () => {
    const signup = {
      kind: 'company',
      username: 'server.customer',
      password: PASSWORD,
      name: 'Server Owner',
      email: 'owner@server.example',
      companyName: 'Server Ltd',
    };
    expect((await http(identity, 'POST', '/accounts', { body: signup })).status).toBe(201);
    const token = (await http(identity, 'POST', '/sessions', { body: { username: signup.username, password: PASSWORD } })).body.accessToken;
    const listed = await eventually(
      () => http(contacts[1], 'GET', '/accounts/me/contacts', { token }),
      (r) => r.body.contacts?.length === 1,
    );
    expect(listed.body.contacts).toHaveLength(1);
    expect((await readOutbox(outbox)).filter((mail) => mail.recipients.includes('owner@server.example'))).toHaveLength(1);

    const doomed = await http(contacts[0], 'POST', '/accounts/me/contacts', {
      token,
      body: { name: removed.name, email: removed.email, roles: ['technical'], phones: [removed.phone] },
    });
    expect((await http(contacts[1], 'GET', '/accounts/me/contacts', { token })).body.contacts).toHaveLength(2);
    expect((await http(contacts[1], 'DELETE', `/accounts/me/contacts/${doomed.body.id}`, { token })).status).toBe(204);
    expect((await http(contacts[0], 'GET', '/accounts/me/contacts', { token })).body.contacts).toHaveLength(1);

    const db = new Client({ connectionString: scratch.url });
    await db.connect();
    try {
      const subject = `contact-${doomed.body.id}`;
      expect((await db.query('select wrapped_key, destroyed_at from keyring_keys where subject_id = $1', [subject])).rows).toEqual([
        { wrapped_key: null, destroyed_at: expect.any(Date) },
      ]);
      expect((await db.query(`select 1 from read_models where collection = 'contacts' and id = $1`, [doomed.body.id])).rowCount).toBe(0);
      const history = await db.query(
        `select type from ledger_events where stream_id like 'account-contacts-%' and data like $1 order by sequence`,
        [`%${doomed.body.id}%`],
      );
      expect(history.rows.map((row) => row.type)).toEqual(['ContactAdded', 'ContactEmailVerificationRequested', 'ContactRemoved']);
    } finally {
      await db.end();
    }
    for (const p of processes) expect(await p.stop()).toBe(0);
    const dump = execFileSync('pg_dump', ['--data-only', scratch.url], { maxBuffer: 256 * 1024 * 1024 });
    expect(findCanariesInText(dump, ['ContactRemoved'])).toHaveLength(1);
    expect(findCanariesInText(dump, Object.values(removed))).toEqual([]);
    expect(findCanariesInText(processes.map((p) => p.output).join('\n'), Object.values(removed))).toEqual([]);
  });
});
