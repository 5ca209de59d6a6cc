import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import { customerSubject } from '@privacy-ledger/contracts';
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
  individualSignup,
  inheritedEnvironment,
  kafkaLogDir,
  logIn,
  readDatabase,
  serverDatabaseUrl,
  serverKafkaBrokers,
  serverReadModelsUrl,
  serverSecrets,
  ServiceProcess,
  staffMember,
  topicPartitionDirs,
  uniqueTopicPrefix,
  WORKSPACE_ROOT,
  type ScratchDatabase,
  type ScratchMongoDatabase,
} from '@privacy-ledger/testing';

const PASSWORD = 'erasure-e2e-passphrase';
const SERVICES = ['identity', 'contacts', 'payment-vault', 'retention'] as const;
type Service = (typeof SERVICES)[number];
const PORT_VARIABLES: Record<Service, string> = {
  identity: 'IDENTITY_PORT',
  contacts: 'CONTACTS_PORT',
  'payment-vault': 'PAYMENT_VAULT_PORT',
  retention: 'RETENTION_PORT',
};

/** What a customer enters, each value a canary that must be found nowhere once the account is erased. */
const canariesOf = (tag: string) => ({
  username: `erasure.${tag}.user`,
  name: `Erasurecanary ${tag}whitfield`,
  email: `erasure.${tag}@erasure-canary.example`,
  street: `Canarystraat ${tag} 77`,
  phone: tag === 'removed' ? '+31201239876' : '+31201239877',
  contactName: `Contactcanary ${tag}oyelaran`,
  contactEmail: `contact.${tag}@erasure-canary.example`,
  cardNumber: tag === 'removed' ? '4000056655665556' : '5200828282828210',
  partner: `canarypartner-${tag}`,
});
type Canaries = ReturnType<typeof canariesOf>;
const valuesOf = (canary: Canaries) => Object.entries(canary).flatMap(([field, value]) => (field === 'phone' ? [] : [value]));

/** The four services as processes on one database, their read models on MongoDB, their events relayed to Kafka. */
class System {
  readonly processes: ServiceProcess[] = [];
  readonly url = {} as Record<Service, string>;

  static async start(env: Record<string, string>): Promise<System> {
    const system = new System();
    const ports = Object.fromEntries(
      await Promise.all(SERVICES.map(async (service) => [PORT_VARIABLES[service], String(await freePort())])),
    );
    for (const service of SERVICES) {
      system.url[service] = `http://127.0.0.1:${ports[PORT_VARIABLES[service]]}`;
      system.processes.push(ServiceProcess.start(`apps/${service}/dist/main.js`, { ...env, ...ports }));
    }
    await Promise.all(SERVICES.map((service, i) => system.processes[i].waitForHealth(system.url[service], 60_000)));
    return system;
  }

  get output(): string {
    return this.processes.map((p) => p.output).join('\n');
  }

  async stop(): Promise<void> {
    for (const p of this.processes) expect(await p.stop()).toBe(0);
  }
}

const serverUrl = serverDatabaseUrl();
const RETENTION_RECORDS = ['read_model.erasures', 'read_model.legal-holds', 'read_model.disclosures'];

(serverUrl ? describe : describe.skip)('erasure across every service, server mode (P11, P12, issue 12 item 9)', () => {
  let scratch: ScratchDatabase;
  const readModels: ScratchMongoDatabase[] = [];
  const brokers = serverKafkaBrokers('erasure e2e');
  const topicPrefix = uniqueTopicPrefix();
  let env: Record<string, string>;
  let system: System;
  let url: Record<Service, string>;
  const outputs: string[] = [];
  let officer: string;
  let auditor: string;
  const removed = canariesOf('removed');
  const held = canariesOf('held');
  /** What the vault showed of each card: a MAC of its number that nothing the system keeps may hold. */
  const fingerprints: string[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!);
    readModels.push(createScratchMongoDatabase(serverReadModelsUrl()!));
    env = {
      DATABASE_URL: scratch.url,
      READ_MODELS_URL: readModels[0].url,
      ...(brokers ? { KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC_PREFIX: topicPrefix } : {}),
      ...(await serverSecrets()),
      OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'erasure-outbox-')),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'erasure-data-')),
    };
    system = await System.start(env);
    url = system.url;
    officer = await staffMember(
      http,
      url.identity,
      { ...env, IDENTITY_PORT: new URL(url.identity).port },
      {
        username: 'erasure.officer',
        password: PASSWORD,
        role: 'privacy-officer',
      },
    );
    auditor = await logInAsNew('erasure.auditor', 'auditor');
  }, 180_000);
  afterAll(async () => {
    await system?.stop().catch(() => undefined);
    await scratch?.drop();
    for (const database of readModels) await database.drop();
    if (brokers) await deleteTopicsStartingWith(brokers, topicPrefix);
  });

  function logInAsNew(username: string, role: string): Promise<string> {
    return staffMember(http, url.identity, { ...env, IDENTITY_PORT: new URL(url.identity).port }, { username, password: PASSWORD, role });
  }

  /** An account with the canaries: contacts, a card charged by a custodian, consents, several sessions, a failed log-in. */
  async function customerWithHistory(canary: Canaries): Promise<{ accountId: string; token: string; cardId: string }> {
    const signup = individualSignup(canary, PASSWORD);
    expect((await http(url.identity, 'POST', '/accounts', { body: signup })).status).toBe(201);
    for (let i = 0; i < 3; i++) await logIn(http, url.identity, canary.username, PASSWORD);
    const token = await logIn(http, url.identity, canary.username, PASSWORD, true);
    const accountId = (await http(url.identity, 'GET', '/accounts/me', { token })).body.id as string;
    const consents = [
      ['/accounts/me/consents/marketing-mailings', { optIn: false }],
      [`/accounts/me/consents/partners/${canary.partner}`, { granted: true }],
    ] as const;
    for (const [path, body] of consents) expect((await http(url.identity, 'PUT', path, { token, body })).status).toBe(200);
    const contact = { name: canary.contactName, email: canary.contactEmail, roles: ['billing'] };
    expect((await http(url.contacts, 'POST', '/accounts/me/contacts', { token, body: contact })).status).toBe(201);
    const card = await http(url['payment-vault'], 'POST', '/accounts/me/cards', {
      token,
      body: { number: canary.cardNumber, expiryMonth: 3, expiryYear: 2031, holderName: canary.name },
    });
    expect(card.status).toBe(201);
    fingerprints.push(card.body.fingerprint);
    const request = await http(url['payment-vault'], 'POST', '/accounts/me/card-requests', {
      token,
      body: { kind: 'charge', cardId: card.body.id, amount: { minorUnits: 1999, currency: 'EUR' } },
    });
    const custodian = await logInAsNew(`custodian.${canary.username}`, 'card-custodian');
    const charge = await http(url['payment-vault'], 'POST', `/accounts/${accountId}/cards/${card.body.id}/charges`, {
      token: custodian,
      headers: { 'idempotency-key': randomUUID() },
      body: { requestId: request.body.id },
    });
    expect(charge).toMatchObject({ status: 201, body: { outcome: 'approved' } });
    expect(
      (await http(url.identity, 'POST', '/sessions', { body: { username: canary.username, password: 'not the password' } })).status,
    ).toBe(401);
    expect(await throttleEntriesOf(accountId)).toBe(2);
    return { accountId, token, cardId: card.body.id };
  }

  /** The login throttle's counts under an account's user name, from any address: keyed by the name's holder. */
  async function throttleEntriesOf(accountId: string): Promise<number> {
    const nameKey = `login-name:${customerSubject(accountId).subjectId}`;
    const [{ n }] = await readDatabase(scratch.url, (rows) =>
      rows('select count(*)::int as n from auth_attempt_throttle where token = $1 or left(token, $3) = $2', [
        nameKey,
        `${nameKey}/`,
        nameKey.length + 1,
      ]),
    );
    return n as number;
  }

  async function liveKeysOf(accountId: string): Promise<number> {
    const [{ n }] = await readDatabase(scratch.url, (rows) =>
      rows('select count(*)::int as n from keyring_data_keys where account_id = $1 and wrapped_key is not null', [accountId]),
    );
    return n as number;
  }

  const erasureOf = (erasureId: string) => http(url.retention, 'GET', `/erasures/${erasureId}`);
  const completed = async (erasureId: string) => {
    const shown = await eventually(
      () => erasureOf(erasureId),
      (answer) => answer.body.state === 'completed',
      60_000,
    );
    expect(shown).toMatchObject({ status: 200, body: { state: 'completed', certificate: expect.any(String) } });
    return shown.body as { certificate: string; completedAt: string };
  };

  /** `npm run erasure:verify`, offline against the JWKS file and, with --against, as an auditor against the services. */
  async function verify(certificate: string, against: boolean): Promise<{ code: number; findings: { check: string; holds: boolean }[] }> {
    const dir = mkdtempSync(join(tmpdir(), 'certificate-'));
    writeFileSync(join(dir, 'certificate.jws'), certificate);
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify((await http(url.retention, 'GET', '/.well-known/jwks.json')).body));
    const args = ['apps/retention/dist/cli/verify-certificate.cli.js', join(dir, 'certificate.jws'), '--jwks', join(dir, 'jwks.json')];
    const run = await promisify(execFile)(process.execPath, [...args, ...(against ? ['--against'] : [])], {
      cwd: WORKSPACE_ROOT,
      env: {
        ...inheritedEnvironment(),
        AUDITOR_TOKEN: auditor,
        IDENTITY_URL: url.identity,
        CONTACTS_URL: url.contacts,
        PAYMENT_VAULT_URL: url['payment-vault'],
        RETENTION_URL: url.retention,
      },
    }).then(
      (done) => ({ code: 0, stdout: done.stdout }),
      (failed: { code: number; stdout: string }) => ({ code: failed.code, stdout: failed.stdout }),
    );
    const findings = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{"check"'))
      .map((line) => JSON.parse(line));
    return { code: run.code, findings };
  }

  it('removes an account now: every key destroyed, every trace gone, a certificate that verifies offline and in the services', async () => {
    const { accountId, token } = await customerWithHistory(removed);
    const closed = await http(url.retention, 'POST', '/accounts/me/closure', { token, body: { removeNow: true } });
    expect(closed).toMatchObject({ status: 202, body: { accountId, removeNow: true } });
    const erasure = await completed(closed.body.erasureId);

    const jwks = createLocalJWKSet((await http(url.retention, 'GET', '/.well-known/jwks.json')).body);
    const { payload } = await jwtVerify(erasure.certificate, jwks, { issuer: 'privacy-ledger/retention', subject: accountId });
    const statement = payload.erasure as { participants: { service: string }[] };
    expect(statement).toMatchObject({ erasureId: closed.body.erasureId, accountId, legalBasis: 'removal-requested-on-closure' });
    expect(statement.participants.map((p) => p.service).sort()).toEqual([...SERVICES].sort());
    for (const service of ['identity', 'contacts', 'payment-vault'])
      expect(statement.participants.find((p) => p.service === service)).toMatchObject({
        destroyedKeys: expect.arrayContaining([
          expect.objectContaining({ subjectId: expect.any(String), destroyedAt: expect.any(String) }),
        ]),
        retiredEpoch: { epoch: expect.any(Number), retiredAt: expect.any(String) },
        confirmationPosition: expect.any(Number),
      });
    const offline = await verify(erasure.certificate, false);
    expect(offline).toMatchObject({ code: 0, findings: [{ check: 'the signature holds against the JWKS', holds: true }] });
    const against = await verify(erasure.certificate, true);
    expect(against.findings.filter((finding) => !finding.holds)).toEqual([]);
    expect(against).toMatchObject({ code: 0 });
    expect(against.findings).toHaveLength(2 + 3 * SERVICES.length);
    // Signed with retention's own key, yet not the certificate retention issued: only the running system can tell.
    const forgedStatement = { ...(payload.erasure as object), completedAt: new Date().toISOString() };
    const forged = await new SignJWT({ ...payload, erasure: forgedStatement })
      .setProtectedHeader(decodeProtectedHeader(erasure.certificate) as JWTHeaderParameters)
      .sign(await importJWK(JSON.parse(env.RETENTION_SIGNING_KEY), 'EdDSA'));
    expect((await verify(forged, false)).code).toBe(0);
    const caught = await verify(forged, true);
    expect(caught.code).toBe(1);
    expect(caught.findings.filter((finding) => !finding.holds).map((finding) => finding.check)).toEqual([
      'retention issued this certificate for the erasure',
    ]);

    expect(await throttleEntriesOf(accountId)).toBe(0);
    expect(await liveKeysOf(accountId)).toBe(0);
    if (brokers) {
      // Every service's confirmation reaches internal subscribers, on the platform's topic.
      const platformTopic = () => topicPartitionDirs(`${topicPrefix}privacy-ledger.platform`);
      const published = () =>
        platformTopic().flatMap((dir) => findCanariesInFiles(dir, [accountId, 'AccountErasureConfirmed', 'KekEpochRetired']));
      const found = await eventually(
        async () => published().map((hit) => hit.slice(hit.lastIndexOf(': ') + 2)),
        (hits) => new Set(hits).size === 3,
      );
      expect(new Set(found)).toEqual(new Set([accountId, 'AccountErasureConfirmed', 'KekEpochRetired']));
    }
    expect((await http(url.identity, 'POST', '/sessions', { body: { username: removed.username, password: PASSWORD } })).status).toBe(401);
    expect((await http(url.identity, 'GET', '/accounts/me', { token })).status).toBe(401);
    const support = await logInAsNew('erasure.support', 'support');
    const erasedAnswer = { status: 404, body: { message: 'this account was erased' } };
    expect(await http(url.contacts, 'GET', `/accounts/${accountId}/contacts`, { token: support })).toMatchObject(erasedAnswer);
    expect(await http(url['payment-vault'], 'GET', `/accounts/${accountId}/card-requests`, { token: support })).toMatchObject(erasedAnswer);
    expect((await http(url.identity, 'GET', `/accounts/${accountId}/consents`, { token: support })).status).toBe(404);
    const recorded = await http(url['payment-vault'], 'POST', `/accounts/${accountId}/card-requests`, {
      token: support,
      body: { kind: 'delete', cardId: randomUUID(), channel: 'phone' },
    });
    expect(recorded).toMatchObject({ status: 404, body: { message: 'no such card' } });
    const exported = await http(url.retention, 'GET', `/accounts/${accountId}/export`, { token: officer });
    expect(exported).toMatchObject({ status: 200, body: { erased: true, erasure: { completedAt: erasure.completedAt } } });
    expect(findCanariesInText(JSON.stringify(exported.body), valuesOf(removed))).toEqual([]);

    const keyed = await readDatabase(scratch.url, async (rows) => ({
      blindIndex: await rows('select count(*)::int as n from keyring_blind_index where account_id = $1', [accountId]),
      blindLookup: await rows('select count(*)::int as n from keyring_blind_lookup where account_id = $1', [accountId]),
    }));
    expect(keyed).toEqual({ blindIndex: [{ n: 0 }], blindLookup: [{ n: 0 }] });
    expect(await documentsMentioning(readModels[0], accountId)).toEqual([]);
  }, 180_000);

  it('destroys nothing while a legal hold stands, says why the erasure waits, and erases once the hold is lifted', async () => {
    const { accountId, token, cardId } = await customerWithHistory(held);
    const placed = await http(url.retention, 'POST', `/accounts/${accountId}/legal-holds`, {
      token: officer,
      body: { kind: 'court-order', reference: 'Case 2026/118', reason: 'records kept for the court' },
    });
    expect(placed.status).toBe(201);
    const closed = await http(url.retention, 'POST', '/accounts/me/closure', { token, body: { removeNow: true } });
    expect(closed.status).toBe(202);
    const waiting = await eventually(
      () => erasureOf(closed.body.erasureId),
      (answer) => answer.body.state === 'held',
    );
    expect(waiting.body).toMatchObject({ state: 'held', heldBy: [{ kind: 'court-order', placedAt: placed.body.placedAt }] });
    // Long enough for a removal now to have completed, had nothing held it.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await erasureOf(closed.body.erasureId)).body.state).toBe('held');
    expect(await liveKeysOf(accountId)).toBeGreaterThan(3);
    // Closed, though not erased: nothing more is written for it, by anyone.
    const support = await logInAsNew('held.support', 'support');
    const recorded = await http(url['payment-vault'], 'POST', `/accounts/${accountId}/card-requests`, {
      token: support,
      body: { kind: 'delete', cardId, channel: 'phone' },
    });
    expect(recorded).toMatchObject({ status: 409, body: { message: 'the account is closed: nothing more is written for it' } });
    expect(
      (await http(url.contacts, 'GET', '/accounts/me/contacts', { token: await logIn(http, url.identity, held.username, PASSWORD) }))
        .status,
    ).toBe(403);
    const kept = await http(url.retention, 'GET', `/accounts/${accountId}/export`, { token: officer });
    expect(kept).toMatchObject({ status: 200, body: { erased: false } });
    expect(findCanariesInText(JSON.stringify(kept.body), [held.name, held.contactName])).toEqual([held.name, held.contactName]);

    const lifted = await http(url.retention, 'POST', `/accounts/${accountId}/legal-holds/${placed.body.holdId}/lifting`, {
      token: officer,
      body: { reason: 'the court released the records' },
    });
    expect(lifted.status).toBe(200);
    const erasure = await completed(closed.body.erasureId);
    expect((await verify(erasure.certificate, true)).code).toBe(0);
    const tooLate = await http(url.retention, 'POST', `/accounts/${accountId}/legal-holds`, {
      token: officer,
      body: { kind: 'legal-obligation', reference: 'Late 1', reason: 'too late' },
    });
    expect(tooLate).toMatchObject({ status: 409, body: { message: expect.stringContaining('erasure has started') } });
    expect(await liveKeysOf(accountId)).toBe(0);
  }, 180_000);

  it('replays the whole ledger from zero into empty read models: it succeeds, and the erased accounts stay shredded', async () => {
    const erasedAccounts = (await readDatabase(scratch.url, (rows) => rows('select distinct account_id from keyring_erased_accounts'))).map(
      (row) => row.account_id as string,
    );
    expect(erasedAccounts.length).toBeGreaterThanOrEqual(2);
    await system.stop();
    outputs.push(system.output);
    readModels.push(createScratchMongoDatabase(serverReadModelsUrl()!));
    system = await System.start({ ...env, READ_MODELS_URL: readModels[1].url });
    url = system.url;
    const caughtUp = await eventually(
      async () => Promise.all(SERVICES.map(async (service) => (await http(url[service], 'GET', '/health')).body)),
      (healths) => healths.every((health) => health.status === 'ok' && health.runners.every((r: { behindBy: number }) => r.behindBy === 0)),
      120_000,
    );
    expect(caughtUp.map((health) => health.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    for (const accountId of erasedAccounts) {
      expect(await documentsMentioning(readModels[1], accountId)).toEqual([]);
      const exported = await http(url.retention, 'GET', `/accounts/${accountId}/export`, { token: officer });
      expect(exported).toMatchObject({ status: 200, body: { erased: true } });
      const shredded = Object.values(exported.body.services as Record<string, { records: { shredded?: boolean }[] }>).flatMap((part) =>
        part.records.filter((record) => record.shredded),
      );
      expect(shredded.length).toBeGreaterThan(0);
    }
  }, 240_000);

  it('leaves no canary, nor a card fingerprint the vault showed, in the database dump, read models, logs or Kafka log files', async () => {
    await system.stop();
    outputs.push(system.output);
    const canaries = [...valuesOf(removed), ...valuesOf(held), ...fingerprints];
    expect(fingerprints).toHaveLength(2);
    const dump = execFileSync('pg_dump', ['--data-only', scratch.url], { maxBuffer: 256 * 1024 * 1024 });
    expect(findCanariesInText(dump, ['AccountOpened', 'CardAdded', 'ContactAdded'])).toHaveLength(3);
    expect(findCanariesInText(dump, canaries)).toEqual([]);
    for (const database of readModels) expect(findCanariesInText(await everyDocumentIn(database.url), canaries)).toEqual([]);
    expect(findCanariesInText(outputs.join('\n'), canaries)).toEqual([]);
    if (brokers) expect(findCanariesInFiles(kafkaLogDir(), canaries)).toEqual([]);
  }, 120_000);
});

/**
 * The live read-model documents that name the account: none once it is erased, but retention's records of its
 * erasure and of the legal holds on it, which hold ids, kinds and times, their texts shredded.
 */
async function documentsMentioning(database: ScratchMongoDatabase, accountId: string): Promise<string[]> {
  const collections = JSON.parse((await everyDocumentIn(database.url)).toString()) as {
    name: string;
    documents: { document: unknown }[];
  }[];
  return collections
    .filter((collection) => collection.name.startsWith('read_model.') && !RETENTION_RECORDS.includes(collection.name))
    .flatMap((collection) =>
      collection.documents.filter((stored) => JSON.stringify(stored.document ?? null).includes(accountId)).map(() => collection.name),
    );
}
