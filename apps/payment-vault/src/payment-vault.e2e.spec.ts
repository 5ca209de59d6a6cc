import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchDatabase,
  createScratchMongoDatabase,
  everyDocumentIn,
  findCanariesInText,
  freePort,
  http,
  serverDatabaseUrl,
  serverSecrets,
  serverReadModelsUrl,
  ServiceProcess,
  startTcpProxy,
  eventually,
  type TcpProxy,
  staffMember,
  type ScratchDatabase,
} from '@privacy-ledger/testing';

const PASSWORD = 'vault-e2e-passphrase';
/** Valid test cards whose numbers must never be found outside the vault's sealed parts. */
const CANARY_NUMBER = '5105105105105100';
const CANARY_CHARGED = '4000056655665556';
const CANARY_EDITED = '5200828282828210';
const CANARIES = [CANARY_NUMBER, CANARY_CHARGED, CANARY_EDITED];
/** A number as some systems show it, the first six and the last four digits: no answer may hold it either. */
const firstSixLastFour = (number: string) => new RegExp(`${number.slice(0, 6)}\\D{0,12}${number.slice(-4)}`);
const serverUrl = serverDatabaseUrl();
/** The vaults keep their read models on MongoDB when the stack has it (always in CI), the others beside the ledger. */
const readModelsServer = serverReadModelsUrl();

/** How long the read side may take to come back after its store did: the runners' longest retry wait, with room. */
const RECOVERY_MS = 90_000;

(serverUrl ? describe : describe.skip)('payment vault, server mode: two vault processes on one PostgreSQL database', () => {
  const processes: ServiceProcess[] = [];
  /** Every answer any service gave in this suite, scanned for the canaries at its end. */
  const answers: string[] = [];
  let scratch: ScratchDatabase;
  const readModels = readModelsServer ? createScratchMongoDatabase(readModelsServer) : null;
  /** Between the vaults and their read-model store, so that a test can take the store out of their reach. */
  let readModelsLink: TcpProxy | null = null;
  let env: Record<string, string>;
  let identity: string;
  let vaults: string[];

  const call = async (...args: Parameters<typeof http>) => {
    const answer = await http(...args);
    answers.push(JSON.stringify(answer.body));
    return answer;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!);
    const ports = [await freePort(), await freePort(), await freePort(), await freePort()];
    const [identityPort, contactsPort, ...vaultPorts] = ports;
    identity = `http://127.0.0.1:${identityPort}`;
    vaults = vaultPorts.map((port) => `http://127.0.0.1:${port}`);
    env = {
      DATABASE_URL: scratch.url,
      ...(await serverSecrets()),
      IDENTITY_PORT: String(identityPort),
      OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'vault-server-outbox-')),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'vault-server-')),
    };
    // Identity issues the tokens; a signup hands its contact person to contacts, which must have started once.
    processes.push(ServiceProcess.start('apps/identity/dist/main.js', env));
    processes.push(ServiceProcess.start('apps/contacts/dist/main.js', { ...env, CONTACTS_PORT: String(contactsPort) }));
    if (readModels) {
      const direct = new URL(readModels.url);
      readModelsLink = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 27017) });
    }
    const viaLink = readModels && Object.assign(new URL(readModels.url), { port: String(readModelsLink!.port) }).toString();
    const vaultEnv = { ...env, ...(viaLink ? { READ_MODELS_URL: viaLink } : {}) };
    for (const port of vaultPorts)
      processes.push(ServiceProcess.start('apps/payment-vault/dist/main.js', { ...vaultEnv, PAYMENT_VAULT_PORT: String(port) }));
    const urls = [identity, `http://127.0.0.1:${contactsPort}`, ...vaults];
    await Promise.all(urls.map((url, i) => processes[i].waitForHealth(url)));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await scratch?.drop();
    await readModels?.drop();
    await readModelsLink?.close();
  });

  /** A customer who signed up and stepped up: a token that opens their cards. */
  async function customer(username: string): Promise<string> {
    const signup = {
      kind: 'company',
      username,
      password: PASSWORD,
      name: 'Vault Owner',
      email: `${username}@vault.example`,
      companyName: 'Vault Ltd',
    };
    expect((await call(identity, 'POST', '/accounts', { body: signup })).status).toBe(201);
    const login = (await call(identity, 'POST', '/sessions', { body: { username, password: PASSWORD } })).body.accessToken;
    return (await call(identity, 'POST', '/sessions/step-up', { token: login, body: { password: PASSWORD } })).body.accessToken;
  }

  const staff = (username: string, role: 'card-custodian' | 'auditor') =>
    staffMember(call, identity, env, { username, password: PASSWORD, role });

  it('gives racing edits one success and one 409, and makes a deleted card unusable elsewhere at once', async () => {
    const token = await customer('vault.customer');
    const added = await call(vaults[0], 'POST', '/accounts/me/cards', {
      token,
      body: { number: CANARY_NUMBER, expiryMonth: 6, expiryYear: 2030, holderName: 'Vault Owner' },
    });
    expect(added).toMatchObject({ status: 201, body: { brand: 'mastercard', last4: '5100', version: 1 } });
    const path = `/accounts/me/cards/${added.body.id}`;

    const racing = await Promise.all(
      vaults.map((vault, i) => call(vault, 'PATCH', path, { token, headers: { 'if-match': '1' }, body: { expiryYear: 2031 + i } })),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([200, 409]);
    const listed = await call(vaults[1], 'GET', '/accounts/me/cards', { token });
    expect(listed.body.cards).toEqual([racing.find((response) => response.status === 200)!.body]);

    expect((await call(vaults[0], 'DELETE', path, { token })).status).toBe(204);
    expect((await call(vaults[1], 'GET', '/accounts/me/cards', { token })).body).toEqual({ cards: [] });
    expect((await call(vaults[1], 'PATCH', path, { token, headers: { 'if-match': '2' }, body: { expiryYear: 2032 } })).status).toBe(404);
  });

  it('lets a card custodian past the second factor charge once across two racing vaults, and apply an edit, each logged', async () => {
    const [token, custodian, auditor] = [
      await customer('charged.customer'),
      await staff('custodian', 'card-custodian'),
      await staff('auditor', 'auditor'),
    ];
    const accountId = (await call(identity, 'GET', '/accounts/me', { token })).body.id as string;
    const card = (
      await call(vaults[0], 'POST', '/accounts/me/cards', {
        token,
        body: { number: CANARY_CHARGED, expiryMonth: 3, expiryYear: 2031, holderName: 'Vault Owner' },
      })
    ).body;
    const ask = async (kind: string, amount?: object) =>
      (await call(vaults[1], 'POST', '/accounts/me/card-requests', { token, body: { kind, cardId: card.id, amount } })).body.id as string;

    const chargeRequest = await ask('charge', { minorUnits: 4200, currency: 'EUR' });
    const key = randomUUID();
    const charges = await Promise.all(
      vaults.map((vault) =>
        call(vault, 'POST', `/accounts/${accountId}/cards/${card.id}/charges`, {
          token: custodian,
          headers: { 'idempotency-key': key },
          body: { requestId: chargeRequest },
        }),
      ),
    );
    expect(charges.map((charge) => charge.status)).toEqual([201, 201]);
    expect(charges[1].body).toEqual(charges[0].body);
    expect(charges[0].body).toMatchObject({ outcome: 'approved', amount: { minorUnits: 4200, currency: 'EUR' } });
    const processorCalls = processes.flatMap((p) => p.output.split('\n')).filter((line) => line.includes(charges[0].body.id));
    expect(processorCalls.filter((line) => line.includes('test payment processor charged'))).toHaveLength(1);

    const editRequest = await ask('edit');
    const edited = await call(vaults[1], 'PATCH', `/accounts/${accountId}/cards/${card.id}`, {
      token: custodian,
      headers: { 'if-match': '1' },
      body: { requestId: editRequest, number: CANARY_EDITED },
    });
    expect(edited).toMatchObject({ status: 200, body: { brand: 'mastercard', last4: '8210', version: 2 } });
    const log = await call(vaults[0], 'GET', `/cards/${card.id}/access-log`, { token: auditor });
    expect(log.body.entries.map((entry: { purpose: string; outcome: string }) => [entry.purpose, entry.outcome])).toEqual([
      ['charge', 'used'],
      ['edit', 'used'],
    ]);
    expect((await call(vaults[0], 'DELETE', `/accounts/me/cards/${card.id}`, { token })).status).toBe(204);
  });

  (readModelsServer ? it : it.skip)(
    'keeps taking writes while its read-model store is out of reach, and says so in /health',
    async () => {
      const token = await customer('outage.customer');
      readModelsLink!.cut();
      const health = await call(vaults[0], 'GET', '/health');
      expect(health).toMatchObject({ status: 503, body: { status: 'degraded', readModels: expect.stringMatching(/^does not answer/) } });
      expect((await call(vaults[0], 'GET', '/health/live')).status).toBe(200);
      const opened = await call(vaults[0], 'POST', '/accounts/me/card-requests', { token, body: { kind: 'add' } });
      expect(opened).toMatchObject({ status: 201, body: { kind: 'add', state: 'open' } });
      readModelsLink!.restore();
      // Runners that failed meanwhile retry with a growing wait (up to 30 s, then a store's 5 s to be found again,
      // slower on a loaded machine): the read model and /health catch up within that, never silently stay behind.
      const listed = await eventually(
        () => call(vaults[1], 'GET', '/accounts/me/card-requests', { token }),
        (answer) => answer.status === 200 && answer.body.requests.length === 1,
        RECOVERY_MS,
      );
      if (listed.body.requests?.length !== 1) console.error('the vaults after the outage:', vaultFaults());
      expect(listed.body.requests).toEqual([opened.body]);
      const healthy = await eventually(
        () => call(vaults[0], 'GET', '/health'),
        (answer) => answer.status === 200,
        RECOVERY_MS,
      );
      expect(healthy.body.status).toBe('ok');
    },
    3 * RECOVERY_MS,
  );

  /** The last errors the vault processes logged: why a read model stayed behind. */
  const vaultFaults = () =>
    processes
      .slice(2)
      .flatMap((vault) => vault.output.split('\n').filter((line) => line.includes('"level":"error"')))
      .slice(-30);

  it('leaves no card number in any answer, log line or stored row, read models included', async () => {
    for (const p of processes) expect(await p.stop()).toBe(0);
    const dump = execFileSync('pg_dump', ['--data-only', scratch.url], { maxBuffer: 256 * 1024 * 1024 });
    const stored = Buffer.concat([dump, readModels ? await everyDocumentIn(readModels.url) : Buffer.alloc(0)]);
    expect(findCanariesInText(stored, ['CardAdded', 'CardChargeStarted', 'card-access-log'])).toHaveLength(3);
    // With MongoDB, the vaults' read models are there, not beside the ledger.
    if (readModels) expect(findCanariesInText(dump, ['card-access-log'])).toEqual([]);
    expect(findCanariesInText(stored, CANARIES)).toEqual([]);
    expect(findCanariesInText(processes.map((p) => p.output).join('\n'), CANARIES)).toEqual([]);
    expect(answers.length).toBeGreaterThan(20);
    for (const number of CANARIES)
      expect(answers.filter((answer) => answer.includes(number) || firstSixLastFour(number).test(answer))).toEqual([]);
  });
});
