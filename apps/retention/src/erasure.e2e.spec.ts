import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { blindToken } from '@privacy-ledger/keyring';
import {
  createScratchDatabase,
  createScratchMongoDatabase,
  deleteTopicsStartingWith,
  eventually,
  everyDocumentIn,
  findCanariesInFiles,
  findCanariesInText,
  freePort,
  http,
  kafkaLogDir,
  logIn,
  readDatabase,
  serverDatabaseUrl,
  serverKafkaBrokers,
  serverReadModelsUrl,
  serverSecrets,
  ServiceProcess,
  staffMember,
  uniqueTopicPrefix,
  type Call,
  type ScratchDatabase,
} from '@privacy-ledger/testing';

const PASSWORD = 'erasure-e2e-passphrase';
const canary = {
  username: 'erasure.canary.user',
  name: 'Erasurecanary Whitfield',
  email: 'erasure.canary@erasure-canary.example',
  street: 'Canarystraat 77',
  phone: '+31201239876',
  contactName: 'Contactcanary Oyelaran',
  contactEmail: 'contact.canary@erasure-canary.example',
  cardNumber: '4000056655665556',
};
const CANARIES = [canary.username, canary.name, canary.email, canary.street, canary.contactName, canary.contactEmail, canary.cardNumber];
const SERVICES = ['identity', 'contacts', 'payment-vault', 'retention'] as const;
const serverUrl = serverDatabaseUrl();

(serverUrl ? describe : describe.skip)('erasure across every service, server mode (P11, P12)', () => {
  const processes: ServiceProcess[] = [];
  const url: Record<(typeof SERVICES)[number], string> = { identity: '', contacts: '', 'payment-vault': '', retention: '' };
  let scratch: ScratchDatabase;
  const readModels = createScratchMongoDatabase(serverReadModelsUrl()!);
  const brokers = serverKafkaBrokers('erasure e2e');
  const topicPrefix = uniqueTopicPrefix();
  let env: Record<string, string>;

  const call: Call = http;

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!);
    env = {
      DATABASE_URL: scratch.url,
      READ_MODELS_URL: readModels.url,
      ...(brokers ? { KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC_PREFIX: topicPrefix } : {}),
      ...(await serverSecrets()),
      OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'erasure-outbox-')),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'erasure-data-')),
    };
    const ports = {
      IDENTITY_PORT: await freePort(),
      CONTACTS_PORT: await freePort(),
      PAYMENT_VAULT_PORT: await freePort(),
      RETENTION_PORT: await freePort(),
    };
    Object.assign(env, Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])));
    SERVICES.forEach((service, i) => (url[service] = `http://127.0.0.1:${Object.values(ports)[i]}`));
    for (const service of SERVICES) processes.push(ServiceProcess.start(`apps/${service}/dist/main.js`, env));
    await Promise.all(SERVICES.map((service, i) => processes[i].waitForHealth(url[service])));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await scratch?.drop();
    await readModels.drop();
    if (brokers) await deleteTopicsStartingWith(brokers, topicPrefix);
  });

  /** The account of the canaries, with contacts, a card charged by a custodian, and several sessions. */
  async function customerWithHistory(): Promise<{ accountId: string; token: string }> {
    const signup = {
      kind: 'individual',
      username: canary.username,
      password: PASSWORD,
      name: canary.name,
      email: canary.email,
      address: { street: canary.street, city: 'Utrecht', postalCode: '3511 AB', country: 'NL' },
      phone: canary.phone,
    };
    expect((await call(url.identity, 'POST', '/accounts', { body: signup })).status).toBe(201);
    for (let i = 0; i < 3; i++) await logIn(call, url.identity, canary.username, PASSWORD);
    const token = await logIn(call, url.identity, canary.username, PASSWORD, true);
    const accountId = (await call(url.identity, 'GET', '/accounts/me', { token })).body.id as string;
    expect((await call(url.identity, 'PUT', '/accounts/me/consents/marketing-mailings', { token, body: { optIn: true } })).status).toBe(
      200,
    );
    const contact = { name: canary.contactName, email: canary.contactEmail, roles: ['billing'] };
    expect((await call(url.contacts, 'POST', '/accounts/me/contacts', { token, body: contact })).status).toBe(201);
    const card = await call(url['payment-vault'], 'POST', '/accounts/me/cards', {
      token,
      body: { number: canary.cardNumber, expiryMonth: 3, expiryYear: 2031, holderName: canary.name },
    });
    expect(card.status).toBe(201);
    const request = await call(url['payment-vault'], 'POST', '/accounts/me/card-requests', {
      token,
      body: { kind: 'charge', cardId: card.body.id, amount: { minorUnits: 1999, currency: 'EUR' } },
    });
    const custodian = await staffMember(call, url.identity, env, {
      username: 'erasure.custodian',
      password: PASSWORD,
      role: 'card-custodian',
    });
    const charge = await call(url['payment-vault'], 'POST', `/accounts/${accountId}/cards/${card.body.id}/charges`, {
      token: custodian,
      headers: { 'idempotency-key': randomUUID() },
      body: { requestId: request.body.id },
    });
    expect(charge).toMatchObject({ status: 201, body: { outcome: 'approved' } });
    const wrong = await call(url.identity, 'POST', '/sessions', { body: { username: canary.username, password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(await throttleEntriesOfTheName()).toBe(2);
    return { accountId, token };
  }

  /** The login throttle's counts under the canary's user name, from any address: keyed by its blind token. */
  async function throttleEntriesOfTheName(): Promise<number> {
    const nameToken = blindToken(Buffer.from(env.KEYRING_BLIND_INDEX_KEY, 'base64'), 'username', canary.username);
    const [{ n }] = await readDatabase(scratch.url, (rows) =>
      rows('select count(*)::int as n from auth_attempt_throttle where token = $1 or left(token, $3) = $2', [
        nameToken,
        `${nameToken}/`,
        nameToken.length + 1,
      ]),
    );
    return n as number;
  }

  it('removes an account now: every key destroyed, every trace gone, a certificate that verifies, the raw data clean', async () => {
    const { accountId, token } = await customerWithHistory();
    const closed = await call(url.retention, 'POST', '/accounts/me/closure', { token, body: { removeNow: true } });
    expect(closed).toMatchObject({ status: 202, body: { accountId, removeNow: true } });
    const shown = await eventually(
      () => call(url.retention, 'GET', `/erasures/${closed.body.erasureId}`),
      (answer) => answer.body.state === 'completed',
      60_000,
    );
    expect(shown).toMatchObject({ status: 200, body: { state: 'completed', certificate: expect.any(String) } });
    const erasure = shown.body;

    const jwks = createLocalJWKSet((await call(url.retention, 'GET', '/.well-known/jwks.json')).body);
    const { payload } = await jwtVerify(erasure.certificate, jwks, { issuer: 'privacy-ledger/retention', subject: accountId });
    const statement = payload.erasure as { participants: { service: string; destroyedKeys: unknown[]; retiredEpoch: unknown }[] };
    expect(statement).toMatchObject({ erasureId: closed.body.erasureId, accountId, legalBasis: 'removal-requested-on-closure' });
    expect(statement.participants.map((p) => p.service).sort()).toEqual([...SERVICES].sort());
    for (const service of ['identity', 'contacts', 'payment-vault'])
      expect(statement.participants.find((p) => p.service === service)).toMatchObject({
        destroyedKeys: expect.arrayContaining([expect.objectContaining({ subjectId: expect.any(String) })]),
        retiredEpoch: { epoch: expect.any(Number) },
      });

    // First: a log-in tried with the name counts under it again, as it would for any name.
    expect(await throttleEntriesOfTheName()).toBe(0);
    expect((await call(url.identity, 'POST', '/sessions', { body: { username: canary.username, password: PASSWORD } })).status).toBe(401);
    expect((await call(url.identity, 'GET', '/accounts/me', { token })).status).toBe(401);

    const keyed = await readDatabase(scratch.url, async (rows) => ({
      blindIndex: await rows('select count(*)::int as n from keyring_blind_index where account_id = $1', [accountId]),
      blindLookup: await rows('select count(*)::int as n from keyring_blind_lookup where account_id = $1', [accountId]),
      liveKeys: await rows('select count(*)::int as n from keyring_data_keys where account_id = $1 and wrapped_key is not null', [
        accountId,
      ]),
    }));
    expect(keyed).toEqual({ blindIndex: [{ n: 0 }], blindLookup: [{ n: 0 }], liveKeys: [{ n: 0 }] });
    const documents = JSON.parse((await everyDocumentIn(readModels.url)).toString()) as {
      name: string;
      documents: { document: unknown }[];
    }[];
    const live = documents.filter((c) => c.name.startsWith('read_model.') && !c.name.includes('erasures'));
    expect(live.flatMap((c) => c.documents.filter((d) => JSON.stringify(d.document).includes(accountId)).map(() => c.name))).toEqual([]);

    for (const p of processes) expect(await p.stop()).toBe(0);
    const dump = execFileSync('pg_dump', ['--data-only', scratch.url], { maxBuffer: 256 * 1024 * 1024 });
    expect(findCanariesInText(dump, [accountId])).toEqual([accountId]);
    expect(findCanariesInText(dump, CANARIES)).toEqual([]);
    expect(findCanariesInText(await everyDocumentIn(readModels.url), CANARIES)).toEqual([]);
    expect(findCanariesInText(processes.map((p) => p.output).join('\n'), CANARIES)).toEqual([]);
    if (brokers) expect(findCanariesInFiles(kafkaLogDir(), CANARIES)).toEqual([]);
  }, 300_000);
});
