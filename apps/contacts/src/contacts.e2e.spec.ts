import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchDatabase,
  eventually,
  findCanariesInFiles,
  findCanariesInText,
  freePort,
  generateSigningKey,
  http,
  linkIn,
  readDatabase,
  readOutbox,
  serverDatabaseUrl,
  ServiceProcess,
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

  beforeAll(async () => {
    const env = { DATA_DIR: dataDir, SECRETS_DIR: `${dataDir}-secrets`, OUTBOX_DIR: outbox, DATABASE_URL: '' };
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
    expect((await http(contacts, 'GET', '/contacts/email-verification?account=x&contact=y')).body.problems).toEqual(
      expect.arrayContaining(['account must be an account id', 'contact must be a contact id']),
    );
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
      KEK_STORE_DIR: mkdtempSync(join(tmpdir(), 'kek-store-')),
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

    await readDatabase(scratch.url, async (rows) => {
      const subject = `contact-${doomed.body.id}`;
      expect(await rows('select wrapped_key, destroyed_at from keyring_data_keys where subject_id = $1', [subject])).toEqual([
        { wrapped_key: null, destroyed_at: expect.any(Date) },
      ]);
      expect(await rows(`select 1 from read_models where collection = 'contacts' and id = $1`, [doomed.body.id])).toEqual([]);
      const history = await rows(
        `select type from ledger_events where stream_id like 'account-contacts-%' and data like $1 order by sequence`,
        [`%${doomed.body.id}%`],
      );
      expect(history.map((row) => row.type)).toEqual(['ContactAdded', 'ContactEmailVerificationRequested', 'ContactRemoved']);
    });
    for (const p of processes) expect(await p.stop()).toBe(0);
    const dump = execFileSync('pg_dump', ['--data-only', scratch.url], { maxBuffer: 256 * 1024 * 1024 });
    expect(findCanariesInText(dump, ['ContactRemoved'])).toHaveLength(1);
    expect(findCanariesInText(dump, Object.values(removed))).toEqual([]);
    expect(findCanariesInText(processes.map((p) => p.output).join('\n'), Object.values(removed))).toEqual([]);
  });
});
