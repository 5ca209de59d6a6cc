import { randomUUID } from 'node:crypto';
import { STEP_UP_REQUIRED } from '@privacy-ledger/auth';
import { ERASURE_STARTED, erasureConfirmationStream } from '@privacy-ledger/contracts';
import { newEvent } from '@privacy-ledger/ledger';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { eventually, findCanariesInText, individualSignup } from '@privacy-ledger/testing';
import { IdentityModule } from '../identity.module';
import { SESSION_HISTORY } from '../sessions/session-history.projection';
import { TokenSigner } from '../tokens/token-signer';

const PASSWORD = 'a long enough passphrase';
/** What the customer entered, and where they came from: every value must come back in their export. */
const canary = {
  username: 'zebulon.quillfeather',
  name: 'Zebulon Quillfeather',
  email: 'zq.7731@canary.example',
  street: 'Canarylaan 77',
  phone: '+31206660177',
  billingName: 'Quillfeather Billing',
  vatId: 'NL777000777B01',
  ipAddress: '203.0.113.77',
  userAgent: 'CanaryBrowser/7.7',
};
const CANARIES = Object.values(canary);
const signup = individualSignup(canary, PASSWORD);
const staff = (role: 'privacy-officer' | 'support' | 'auditor') => ({ id: randomUUID(), kind: 'staff' as const, roles: [role] });

describe('identity personal data (P15), specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  let accountId: string;
  let steppedUp: string;

  beforeAll(async () => {
    // As behind a proxy on this host: X-Forwarded-For names the client whose address the session records.
    spec = await ServiceSpec.start(
      'identity',
      async (platform, tokens) => IdentityModule.forPlatform(platform, await TokenSigner.fromPrivateJwk(tokens.privateJwk)),
      { env: { TRUSTED_PROXIES: '127.0.0.1' } },
    );
    accountId = (await spec.when('POST', '/accounts', { body: signup })).body.id;
    const client = { 'x-forwarded-for': canary.ipAddress, 'user-agent': canary.userAgent };
    const login = await spec.when('POST', '/sessions', { body: { username: canary.username, password: PASSWORD }, headers: client });
    const token = login.body.accessToken as string;
    steppedUp = (await spec.when('POST', '/sessions/step-up', { as: token, body: { password: PASSWORD } })).body.accessToken;
    const billing = { name: canary.billingName, address: signup.address, vatId: canary.vatId };
    expect((await spec.when('PUT', '/accounts/me/billing-details', { as: steppedUp, body: billing })).status).toBe(200);
    expect((await spec.when('PUT', '/accounts/me/consents/marketing-mailings', { as: token, body: { optIn: false } })).status).toBe(200);
    expect((await spec.when('POST', '/password-resets', { body: { username: canary.username } })).status).toBe(202);
  });
  afterAll(() => spec.close());

  it('gives the customer, after a step-up, every record identity holds of them, opened: every value they entered is in it', async () => {
    const exported = await spec.when('GET', '/accounts/me/personal-data', { as: steppedUp });
    expect(exported).toMatchObject({
      status: 200,
      body: { service: 'identity', accountId, erased: false, throughPosition: expect.any(Number), generatedAt: expect.any(String) },
      events: [],
    });
    expect(findCanariesInText(JSON.stringify(exported.body), CANARIES)).toEqual(CANARIES);
    const { records } = exported.body;
    expect(records.map((record: { type: string }) => record.type)).toEqual([
      'AccountOpened',
      'PrimaryContactSubmitted',
      'SessionStarted',
      'SessionSteppedUp',
      'BillingDetailsChanged',
      'ConsentChanged',
      'PasswordResetRequested',
    ]);
    expect(records[0]).toMatchObject({
      stream: `account-${accountId}`,
      data: { accountId, kind: 'individual' },
      personal: { username: canary.username, name: canary.name, phone: canary.phone },
      withheld: ['passwordHash'],
    });
    // The hand-over to contacts is sealed under a key contacts keeps: contacts' part of the export shows it.
    expect(records[1]).toMatchObject({ keptBy: 'contacts' });
    expect(records[2]).toMatchObject({ personal: { ipAddress: canary.ipAddress, userAgent: canary.userAgent } });
    expect(records[5]).toMatchObject({ personal: { purpose: 'marketing-mailings', granted: false } });
    expect(records.map((record: { position: number }) => record.position)).toEqual(
      [...records.map((record: { position: number }) => record.position)].sort((a, b) => a - b),
    );
    expect(JSON.stringify(exported.body)).not.toMatch(/"passwordHash":|scrypt\$/);
  });

  it('gives the privacy officer the same for any account; no one else, and nothing without a token or a step-up', async () => {
    const mine = (await spec.when('GET', '/accounts/me/personal-data', { as: steppedUp })).body;
    const forOfficer = await spec.when('GET', `/accounts/${accountId}/personal-data`, { as: staff('privacy-officer') });
    expect(forOfficer.status).toBe(200);
    expect({ ...forOfficer.body, generatedAt: null }).toEqual({ ...mine, generatedAt: null });

    for (const role of ['support', 'auditor'] as const)
      expect((await spec.when('GET', `/accounts/${accountId}/personal-data`, { as: staff(role) })).status).toBe(403);
    expect((await spec.when('GET', `/accounts/${accountId}/personal-data`, { as: steppedUp })).status).toBe(403);
    expect((await spec.when('GET', '/accounts/me/personal-data', { as: staff('privacy-officer') })).status).toBe(403);
    expect((await spec.when('GET', '/accounts/me/personal-data')).status).toBe(401);
    const login = await spec.when('POST', '/sessions', { body: { username: canary.username, password: PASSWORD } });
    expect(await spec.when('GET', '/accounts/me/personal-data', { as: login.body.accessToken })).toMatchObject({
      status: 403,
      body: { message: STEP_UP_REQUIRED },
    });
  });

  it("keeps customers apart: another customer's export holds none of this one's data", async () => {
    const other = await spec.when('POST', '/accounts', { body: { ...signup, username: 'other.customer', email: 'other@example.test' } });
    const theirs = await spec.when('GET', '/accounts/me/personal-data', { as: { id: other.body.id, kind: 'customer', steppedUp: true } });
    expect(theirs.body.accountId).toBe(other.body.id);
    expect(findCanariesInText(JSON.stringify(theirs.body), [canary.username, canary.email, canary.ipAddress, canary.vatId])).toEqual([]);
  });

  it('answers 404 for an account identity does not know, and 400 naming a malformed id', async () => {
    const officer = staff('privacy-officer');
    expect(await spec.when('GET', `/accounts/${randomUUID()}/personal-data`, { as: officer })).toMatchObject({
      status: 404,
      body: { message: 'no such account' },
    });
    expect(await spec.when('GET', '/accounts/not-an-id/personal-data', { as: officer })).toMatchObject({
      status: 400,
      body: { message: 'accountId must be an id (a UUID)' },
    });
  });

  it('counts nothing, and says so, when an erasure is checked for an id no account ever had', async () => {
    const unknown = randomUUID();
    const check = await spec.when('POST', `/accounts/${unknown}/erasure-check`, { as: staff('auditor'), body: { subjectIds: [] } });
    expect(check).toMatchObject({
      status: 200,
      body: { service: 'identity', accountId: unknown, liveKeys: [], events: 0, sealedParts: 0, openedParts: 0, shreddedParts: 0 },
    });
  });

  it('says erased, with every record still there and no personal value, once the erasure went through identity', async () => {
    const erased = { ...signup, username: 'erased.customer', email: 'erased.5512@canary.example', name: 'Erasedname Vantablack' };
    const opened = await spec.when('POST', '/accounts', { body: erased });
    await spec.when('POST', '/sessions', { body: { username: erased.username, password: PASSWORD } });
    await eraseThroughIdentity(opened.body.id);
    // The erasure emptied the session history: the session is found by its key's tombstone.
    expect(await spec.platform.readModels.list(SESSION_HISTORY, { where: { principalId: opened.body.id } })).toEqual([]);

    const exported = await spec.when('GET', `/accounts/${opened.body.id}/personal-data`, { as: staff('privacy-officer') });
    expect(exported).toMatchObject({ status: 200, body: { erased: true } });
    expect(exported.body.records.map((record: object) => Object.keys(record).filter((key) => !['data', 'position'].includes(key)))).toEqual(
      [
        ['stream', 'type', 'occurredAt', 'shredded'],
        ['stream', 'type', 'occurredAt', 'keptBy'],
        ['stream', 'type', 'occurredAt', 'shredded'],
      ],
    );
    expect(exported.body.records[2]).toMatchObject({ type: 'SessionStarted', data: { principalId: opened.body.id } });
    expect(findCanariesInText(JSON.stringify(exported.body), [erased.username, erased.email, erased.name, canary.street])).toEqual([]);
    const check = await spec.when('POST', `/accounts/${opened.body.id}/erasure-check`, { as: staff('auditor'), body: { subjectIds: [] } });
    expect(check.body).toMatchObject({ liveKeys: [], events: 3, sealedParts: 3, openedParts: 0, shreddedParts: 2 });
  });

  /** Identity's part of an erasure, as retention starts it: the service forgets the account and confirms. */
  async function eraseThroughIdentity(accountId: string): Promise<void> {
    const at = spec.platform.clock.now().toISOString();
    const started = { accountId, erasureId: randomUUID(), legalBasis: 'verified-request', requestedBy: randomUUID(), requestedAt: at };
    const event = newEvent(
      { type: ERASURE_STARTED, data: { ...started, startedAt: at, participants: ['identity'] } },
      { occurredAt: at, correlationId: randomUUID(), causationId: null, actor: 'retention' },
    );
    await spec.platform.events.append(`account-closure-${accountId}`, [event], { expectedRevision: 'no_stream' });
    await eventually(
      () => spec.platform.events.readStream(erasureConfirmationStream('identity', accountId)),
      (confirmations) => confirmations.length > 0,
    );
  }
});
