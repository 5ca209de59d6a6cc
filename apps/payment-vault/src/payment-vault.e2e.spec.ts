import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchDatabase,
  findCanariesInText,
  freePort,
  generateSigningKey,
  http,
  serverDatabaseUrl,
  ServiceProcess,
  type ScratchDatabase,
} from '@privacy-ledger/testing';

const PASSWORD = 'vault-e2e-passphrase';
/** A valid test card whose number must never be found outside the vault's sealed parts. */
const CANARY_NUMBER = '5105105105105100';
const serverUrl = serverDatabaseUrl();

(serverUrl ? describe : describe.skip)('payment vault, server mode: two vault processes on one PostgreSQL database', () => {
  const processes: ServiceProcess[] = [];
  let scratch: ScratchDatabase;
  let identity: string;
  let vaults: string[];

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!);
    const ports = [await freePort(), await freePort(), await freePort(), await freePort()];
    const [identityPort, contactsPort, ...vaultPorts] = ports;
    identity = `http://127.0.0.1:${identityPort}`;
    vaults = vaultPorts.map((port) => `http://127.0.0.1:${port}`);
    const env = {
      DATABASE_URL: scratch.url,
      KEK_STORE_DIR: mkdtempSync(join(tmpdir(), 'kek-store-')),
      KEYRING_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      IDENTITY_SIGNING_KEY: await generateSigningKey(),
      IDENTITY_PORT: String(identityPort),
      OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'vault-server-outbox-')),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'vault-server-')),
    };
    // Identity issues the tokens; a signup hands its contact person to contacts, which must have started once.
    processes.push(ServiceProcess.start('apps/identity/dist/main.js', env));
    processes.push(ServiceProcess.start('apps/contacts/dist/main.js', { ...env, CONTACTS_PORT: String(contactsPort) }));
    for (const port of vaultPorts)
      processes.push(ServiceProcess.start('apps/payment-vault/dist/main.js', { ...env, PAYMENT_VAULT_PORT: String(port) }));
    const urls = [identity, `http://127.0.0.1:${contactsPort}`, ...vaults];
    await Promise.all(urls.map((url, i) => processes[i].waitForHealth(url)));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await scratch?.drop();
  });

  it('gives racing edits one success and one 409, makes a deleted card unusable elsewhere at once, stores no number', async () => {
    const signup = {
      kind: 'company',
      username: 'vault.customer',
      password: PASSWORD,
      name: 'Vault Owner',
      email: 'owner@vault.example',
      companyName: 'Vault Ltd',
    };
    expect((await http(identity, 'POST', '/accounts', { body: signup })).status).toBe(201);
    const login = (await http(identity, 'POST', '/sessions', { body: { username: signup.username, password: PASSWORD } })).body.accessToken;
    const token = (await http(identity, 'POST', '/sessions/step-up', { token: login, body: { password: PASSWORD } })).body
      .accessToken as string;

    const added = await http(vaults[0], 'POST', '/accounts/me/cards', {
      token,
      body: { number: CANARY_NUMBER, expiryMonth: 6, expiryYear: 2030, holderName: 'Vault Owner' },
    });
    expect(added).toMatchObject({ status: 201, body: { brand: 'mastercard', last4: '5100', version: 1 } });
    const path = `/accounts/me/cards/${added.body.id}`;

    const racing = await Promise.all(
      vaults.map((vault, i) => http(vault, 'PATCH', path, { token, headers: { 'if-match': '1' }, body: { expiryYear: 2031 + i } })),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([200, 409]);
    const listed = await http(vaults[1], 'GET', '/accounts/me/cards', { token });
    expect(listed.body.cards).toEqual([racing.find((response) => response.status === 200)!.body]);

    expect((await http(vaults[0], 'DELETE', path, { token })).status).toBe(204);
    expect((await http(vaults[1], 'GET', '/accounts/me/cards', { token })).body).toEqual({ cards: [] });
    expect((await http(vaults[1], 'PATCH', path, { token, headers: { 'if-match': '2' }, body: { expiryYear: 2032 } })).status).toBe(404);

    for (const p of processes) expect(await p.stop()).toBe(0);
    const dump = execFileSync('pg_dump', ['--data-only', scratch.url], { maxBuffer: 256 * 1024 * 1024 });
    expect(findCanariesInText(dump, ['CardAdded'])).toHaveLength(1);
    expect(findCanariesInText(dump, [CANARY_NUMBER])).toEqual([]);
    expect(findCanariesInText(processes.map((p) => p.output).join('\n'), [CANARY_NUMBER])).toEqual([]);
  });
});
