import { customerSubject, primaryContactId } from '@privacy-ledger/contracts';
import { newEvent, START, type JsonObject } from '@privacy-ledger/ledger';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { eventually, parseMail } from '@privacy-ledger/testing';
import { IdentityModule } from './identity.module';
import { SESSION_HISTORY } from './sessions/session-history.projection';
import { TokenSigner } from './tokens/token-signer';

const PASSWORD = 'a long enough passphrase';
const signup = (username: string, email = `${username}@example.test`) => ({
  kind: 'individual',
  username,
  password: PASSWORD,
  name: `Name of ${username}`,
  email,
  address: { street: 'Main Street 1', city: 'Utrecht', postalCode: '3511 AA', country: 'NL' },
  phone: '+31 20 123 4567',
});
/** A valid company signup: no address or phone, a company name. */
const company = () => {
  const { address: _address, phone: _phone, ...common } = signup('a.company');
  return { ...common, kind: 'company', companyName: 'A Company Ltd' };
};
const officer = { id: '6f1c7b2e-9a10-4a8e-9d43-5f1c7b2e9a10', kind: 'staff', roles: ['privacy-officer'] } as const;
const support = { id: '0b6d3a52-2c1e-4a8e-9d43-5f1c7b2e9a10', kind: 'staff', roles: ['support'] } as const;

describe('identity, specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  const open = async (username: string, email?: string) => {
    const opened = await spec.when('POST', '/accounts', { body: signup(username, email) });
    expect(opened.status).toBe(201);
    return { id: opened.body.id as string, kind: 'customer' as const };
  };
  const login = async (username: string, password = PASSWORD) =>
    (await spec.when('POST', '/sessions', { body: { username, password } })).body.accessToken as string;
  const mails = async () => Promise.all(spec.platform.mailed.map((raw) => parseMail(raw)));

  beforeAll(async () => {
    // As behind a proxy on this host: X-Forwarded-For names the client, so specs can log in from several addresses.
    spec = await ServiceSpec.start(
      'identity',
      async (platform, tokens) => IdentityModule.forPlatform(platform, await TokenSigner.fromPrivateJwk(tokens.privateJwk)),
      { env: { TRUSTED_PROXIES: '127.0.0.1' } },
    );
  });
  afterAll(() => spec.close());

  it('opens an account with its personal data sealed under the customer key, and names every problem of bad input', async () => {
    const invalid = await spec.when('POST', '/accounts', {
      body: { kind: 'individual', username: 'x', password: 'short', name: '', email: 'nope', extra: 1 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.problems).toEqual(
      expect.arrayContaining([
        'property extra should not exist',
        'password must have at least 12 characters',
        'email must be an e-mail address',
        expect.stringMatching(/^username/),
      ]),
    );
    expect(invalid.events).toEqual([]);
    const { address: _address, ...withoutAddress } = signup('no.address');
    expect(
      (await spec.when('POST', '/accounts', { body: { ...withoutAddress, email: 'nope', companyName: 'Ltd' } })).body.problems,
    ).toEqual([
      'address is required for an individual account',
      'companyName does not apply to an individual account',
      'email must be an e-mail address',
    ]);
    // The kind names each field it decides, once; the fields every account has are named by their own rules.
    expect((await spec.when('POST', '/accounts', { body: { kind: 'individual' } })).body.problems).toEqual([
      'address is required for an individual account',
      'phone is required for an individual account',
      'username is required',
      'password is required',
      'name is required',
      'email is required',
    ]);
    const foreign = { ...company(), address: {}, phone: null };
    expect((await spec.when('POST', '/accounts', { body: foreign })).body.problems).toEqual([
      'address does not apply to a company account',
      'phone does not apply to a company account',
    ]);
    expect((await spec.when('POST', '/accounts', { body: { ...signup('array.address'), address: [] } })).body.problems).toEqual([
      'address must be an object with street, city, postalCode and country',
    ]);
    expect((await spec.when('POST', '/accounts', { body: { ...company(), companyName: undefined } })).body.problems).toEqual([
      'companyName is required for a company account',
    ]);

    const opened = await spec.when('POST', '/accounts', { body: signup('first.customer') });
    expect(opened.events).toEqual([
      {
        stream: `account-${opened.body.id}`,
        type: 'AccountOpened',
        data: { accountId: opened.body.id, kind: 'individual', openedAt: spec.platform.clock.now().toISOString() },
        personal: expect.objectContaining({
          username: 'first.customer',
          name: 'Name of first.customer',
          phone: '+31201234567',
          passwordHash: expect.stringMatching(/^scrypt\$/),
        }),
      },
      {
        stream: `account-${opened.body.id}`,
        type: 'PrimaryContactSubmitted',
        data: { accountId: opened.body.id, contactId: primaryContactId(opened.body.id), submittedAt: expect.any(String) },
        personal: 'kept by contacts',
      },
    ]);
    expect(await spec.when('POST', '/accounts', { body: signup('FIRST.customer') })).toMatchObject({
      status: 409,
      body: { message: 'this username is taken' },
      events: [],
    });
  });

  it('lets a customer read and edit only their own account, with If-Match guarding against lost updates', async () => {
    const customer = await open('editing.customer');
    expect((await spec.when('GET', '/accounts/me', { as: customer })).body).toMatchObject({ username: 'editing.customer', version: 1 });
    const edited = await spec.when('PATCH', '/accounts/me', { as: customer, body: { email: 'new@example.test' } });
    expect(edited).toMatchObject({ status: 200, body: { email: 'new@example.test', version: 2 } });
    expect(edited.events.map((e) => [e.type, e.data.fields])).toEqual([['AccountDetailsChanged', ['email']]]);
    expect((await spec.when('PATCH', '/accounts/me', { as: customer, body: { name: 'Late' }, headers: { 'if-match': '0' } })).status).toBe(
      409,
    );
    for (const malformed of ['x', '-1', '1e3', '1.0', '99999999999'])
      expect(
        (await spec.when('PATCH', '/accounts/me', { as: customer, body: { name: 'Late' }, headers: { 'if-match': malformed } })).status,
      ).toBe(400);
    expect((await spec.when('PATCH', '/accounts/me', { as: customer, body: { companyName: 'Ltd' } })).body.message).toBe(
      'companyName does not apply to an individual account',
    );
    const nulls = await spec.when('PATCH', '/accounts/me', { as: customer, body: { name: null, email: null, address: null, phone: null } });
    expect(nulls).toMatchObject({ status: 400, events: [] });
    expect(nulls.body.problems).toEqual(
      expect.arrayContaining([
        'name must be a string',
        'email must be an e-mail address',
        'address must be an object with street, city, postalCode and country',
        expect.stringMatching(/^phone must be a phone number/),
      ]),
    );
    expect((await spec.when('GET', '/accounts/me')).status).toBe(401);
    expect((await spec.when('GET', '/accounts/me', { as: 'not.a.token' })).status).toBe(401);
    expect((await spec.when('POST', '/staff', { as: customer, body: {} })).status).toBe(403);
    expect((await spec.when('GET', '/accounts/me', { as: support })).status).toBe(403);
  });

  it('never serves a sealed part moved into another customer stream: it opens only where it was sealed', async () => {
    const [bea, cal] = [await open('moved.from'), await open('moved.to')];
    await spec.when('PATCH', '/accounts/me', { as: bea, body: { name: 'Bea Movedaway' } });
    const changed = (await spec.platform.events.readStream(`account-${bea.id}`)).find((event) => event.type === 'AccountDetailsChanged')!;
    const copy = newEvent(
      { type: changed.type, data: { ...changed.data, accountId: cal.id }, personal: changed.personal },
      changed.metadata,
    );
    await spec.platform.events.append(`account-${cal.id}`, [copy], { expectedRevision: 'any' });
    const served = await spec.when('GET', '/accounts/me', { as: cal });
    expect(served.status).toBe(500);
    expect(JSON.stringify(served.body)).not.toContain('Movedaway');
    expect((await spec.when('GET', '/accounts/me', { as: bea })).body).toMatchObject({ name: 'Bea Movedaway' });
  });

  it("never serves a session record whose sealed part was moved in from another customer's record", async () => {
    const [bea, cal] = [await open('sessions.from'), await open('sessions.to')];
    await login('sessions.from');
    await login('sessions.to');
    const recordOf = async (account: { id: string }) =>
      (
        await eventually(
          () => spec.platform.readModels.list<JsonObject>(SESSION_HISTORY, { where: { principalId: account.id } }),
          (records) => records.length > 0,
        )
      )[0];
    const [beaRecord, calRecord] = [await recordOf(bea), await recordOf(cal)];
    await spec.platform.readModels.applyBatch('tampering', START, 1, (readModel) =>
      readModel.put(SESSION_HISTORY, String(calRecord.sessionId), { ...calRecord, sealed: beaRecord.sealed }, Number.MAX_SAFE_INTEGER),
    );
    const served = await spec.when('GET', '/sessions/mine', { as: cal });
    expect(served.status).toBe(500);
    expect((await spec.when('GET', '/sessions/mine', { as: bea })).status).toBe(200);
  });

  it('answers a failed login the same whether or not the user exists, and slows repeated failures', async () => {
    await open('login.customer');
    const wrong = await spec.when('POST', '/sessions', { body: { username: 'login.customer', password: 'wrong password!' } });
    const unknown = await spec.when('POST', '/sessions', { body: { username: 'nobody.here', password: 'wrong password!' } });
    expect(wrong).toMatchObject({ status: 401, body: { message: 'invalid username or password' }, events: [] });
    expect(unknown.body).toEqual(wrong.body);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await spec.when('POST', '/sessions', { body: { username: 'nobody.here', password: 'x' } })).status);
    expect(statuses.slice(-1)).toEqual([429]);
    spec.platform.clock.advance(16 * 60_000);
    expect((await spec.when('POST', '/sessions', { body: { username: 'nobody.here', password: 'x' } })).status).toBe(401);
    const started = await spec.when('POST', '/sessions', { body: { username: 'login.customer', password: PASSWORD } });
    expect(started.events.map((e) => [e.type, e.personal])).toEqual([
      ['SessionStarted', { ipAddress: expect.stringMatching(/127\.0\.0\.1/), userAgent: expect.anything() }],
    ]);
  });

  it('counts every try before evaluating it: of 40 parallel wrong logins only the free five are evaluated', async () => {
    await open('parallel.target');
    const tries = await Promise.all(
      Array.from({ length: 40 }, () =>
        spec.when('POST', '/sessions', { body: { username: 'parallel.target', password: 'guess number one' } }),
      ),
    );
    expect(tries.filter(({ status }) => status === 401)).toHaveLength(5);
    expect(tries.filter(({ status }) => status === 429)).toHaveLength(35);
  });

  it('says when to try again in Retry-After, and never locks the owner out from another address', async () => {
    await open('flooded.owner');
    const fromAttacker = { 'x-forwarded-for': '203.0.113.7' };
    const flood = [];
    for (let i = 0; i < 12; i++)
      flood.push(
        await spec.when('POST', '/sessions', { headers: fromAttacker, body: { username: 'flooded.owner', password: 'a wrong guess!' } }),
      );
    expect(flood.map(({ status }) => status)).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    expect(flood.slice(5).map(({ headers }) => headers.get('retry-after'))).toEqual(Array(7).fill('2'));
    expect(flood[5].body.message).toBe('too many failed attempts: try again in 2 seconds');
    const fromOwner = await spec.when('POST', '/sessions', {
      headers: { 'x-forwarded-for': '198.51.100.20' },
      body: { username: 'flooded.owner', password: PASSWORD },
    });
    expect(fromOwner.status).toBe(201);
    expect(
      (
        await spec.when('POST', '/sessions', { headers: fromAttacker, body: { username: 'flooded.owner', password: PASSWORD } })
      ).headers.get('retry-after'),
    ).toBe('2');
    spec.platform.clock.advance(2000);
    expect(
      (await spec.when('POST', '/sessions', { headers: fromAttacker, body: { username: 'flooded.owner', password: PASSWORD } })).status,
    ).toBe(201);
  });

  it('opens billing details only to a session whose password was re-entered in the last five minutes (P14)', async () => {
    await open('billing.customer');
    const token = await login('billing.customer');
    expect((await spec.when('GET', '/accounts/me/billing-details', { as: token })).body.message).toMatch(/step-up/);
    expect((await spec.when('POST', '/sessions/step-up', { as: token, body: { password: 'not my password' } })).status).toBe(401);
    const stepUp = await spec.when('POST', '/sessions/step-up', { as: token, body: { password: PASSWORD } });
    expect(stepUp).toMatchObject({ status: 201, body: { stepUpValidForSeconds: 300 }, events: [{ type: 'SessionSteppedUp' }] });
    const steppedUp = stepUp.body.accessToken as string;
    const billing = { name: 'Billing Name', address: signup('x').address, vatId: 'NL123456789B01' };
    expect((await spec.when('GET', '/accounts/me/billing-details', { as: steppedUp })).status).toBe(404);
    expect((await spec.when('PUT', '/accounts/me/billing-details', { as: token, body: billing })).status).toBe(403);
    const changed = await spec.when('PUT', '/accounts/me/billing-details', { as: steppedUp, body: billing });
    expect(changed).toMatchObject({ status: 200, body: billing, events: [{ type: 'BillingDetailsChanged', personal: billing }] });
    expect((await spec.when('PUT', '/accounts/me/billing-details', { as: steppedUp, body: { address: {} } })).body.problems).toEqual(
      expect.arrayContaining(['name is required', 'address.street is required', 'address.country is required']),
    );
    spec.platform.clock.advance(5 * 60_000 + 1000);
    expect((await spec.when('GET', '/accounts/me/billing-details', { as: steppedUp })).status).toBe(403);
  });

  it('resets a lost password through the address on record only, once, and the reset ends every session (P17)', async () => {
    const customer = await open('reset.customer', 'reset.old@example.test');
    await spec.when('PATCH', '/accounts/me', { as: customer, body: { email: 'reset.new@example.test' } });
    const before = await login('reset.customer');
    const accepted = { status: 202, body: { status: 'accepted', message: expect.stringMatching(/if a login matches/) } };
    expect(await spec.when('POST', '/password-resets', { body: { email: 'reset.old@example.test' } })).toMatchObject({
      ...accepted,
      events: [],
    });
    expect(await spec.when('POST', '/password-resets', { body: { username: 'nobody.at.all' } })).toMatchObject(accepted);
    expect(await spec.when('POST', '/password-resets', { body: {} })).toMatchObject({
      status: 400,
      body: { message: 'username or email is required: name the login by one of them' },
    });
    const requested = await spec.when('POST', '/password-resets', { body: { email: 'Reset.New@example.test' } });
    expect(requested).toMatchObject({
      ...accepted,
      events: [{ type: 'PasswordResetRequested', data: { principalId: customer.id, tokenHash: expect.any(String) } }],
    });
    expect((await spec.when('POST', '/password-resets', { body: { username: 'reset.customer' } })).events).toEqual([]);
    const message = (await mails()).filter(
      (mail) => mail.subject === 'Reset your password' && mail.recipients.includes('reset.new@example.test'),
    );
    expect(message).toHaveLength(1);
    const token = /^[0-9a-f-]{36}\.[\w-]+$/m.exec(message[0].text)![0];
    expect(JSON.stringify(requested.events)).not.toContain(token.split('.')[1]);

    expect(
      (await spec.when('POST', '/password-resets/completion', { body: { token: `${token}x`, password: 'a brand new passphrase' } })).status,
    ).toBe(400);
    const completed = await spec.when('POST', '/password-resets/completion', { body: { token, password: 'a brand new passphrase' } });
    expect(completed).toMatchObject({ status: 200, body: { status: 'password changed' } });
    expect(completed.events.map((e) => [e.stream, e.type])).toEqual([
      [`password-reset-${customer.id}`, 'PasswordResetCompleted'],
      [`account-${customer.id}`, 'AccountPasswordChanged'],
      [`session-revocations-${customer.id}`, 'SessionsRevoked'],
    ]);
    expect((await spec.when('POST', '/password-resets/completion', { body: { token, password: 'another new passphrase' } })).status).toBe(
      400,
    );
    expect(await spec.when('GET', '/accounts/me', { as: before })).toMatchObject({
      status: 401,
      body: { message: 'this session was ended: log in again' },
    });
    expect((await spec.when('POST', '/sessions', { body: { username: 'reset.customer', password: PASSWORD } })).status).toBe(401);
    spec.platform.clock.advance(1);
    expect((await spec.when('GET', '/accounts/me', { as: await login('reset.customer', 'a brand new passphrase') })).status).toBe(200);
  });

  it('carries out a completed reset whose effects stopped half-way, once, when its reactor sees it again', async () => {
    const customer = await open('halfway.customer');
    const completedAt = spec.platform.clock.now().toISOString();
    const resetId = 'reset-halfway';
    const newHash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    const before = await spec.platform.events.headPosition();
    await spec.given(
      {
        stream: `account-${customer.id}`,
        type: 'AccountPasswordChanged',
        data: { accountId: customer.id, changedAt: completedAt, reason: 'reset', resetId },
        personal: { subject: customerSubject(customer.id), value: { passwordHash: newHash } },
      },
      {
        stream: `password-reset-${customer.id}`,
        type: 'PasswordResetCompleted',
        data: { principalId: customer.id, principalKind: 'customer', resetId, completedAt },
        personal: { subject: customerSubject(customer.id), value: { passwordHash: newHash } },
      },
    );
    let events = await spec.eventsAfter(before);
    for (
      const deadline = performance.now() + 5000;
      !events.some((e) => e.type === 'SessionsRevoked') && performance.now() < deadline;
      events = await spec.eventsAfter(before)
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(events.map((e) => e.type)).toEqual(['AccountPasswordChanged', 'PasswordResetCompleted', 'SessionsRevoked']);
  });

  it('lets the privacy officer publish a version that applies 30 days after notice, and tells everyone which applies (P18)', async () => {
    const customer = await open('policy.customer');
    const body = { version: '2026-12', summary: 'Sharing with partners explained' };
    expect((await spec.when('POST', '/policy-versions', { body })).status).toBe(401);
    expect((await spec.when('POST', '/policy-versions', { as: support, body })).status).toBe(403);
    expect((await spec.when('POST', '/policy-versions', { as: customer, body })).status).toBe(403);
    expect((await spec.when('POST', '/policy-versions', { as: officer, body: { ...body, noticeDate: '2020-01-01' } })).status).toBe(400);
    const published = await spec.when('POST', '/policy-versions', { as: officer, body });
    const noticeAt = spec.platform.clock.now().toISOString();
    const effectiveAt = new Date(Date.parse(noticeAt) + 30 * 24 * 3600_000).toISOString();
    expect(published).toMatchObject({
      status: 201,
      body: { version: '2026-12', noticeAt, effectiveAt },
      events: [{ type: 'PolicyVersionPublished', data: { publishedBy: officer.id } }],
    });
    expect((await spec.when('POST', '/policy-versions', { as: officer, body })).status).toBe(409);
    expect((await spec.when('GET', '/accounts/me/policy', { as: customer })).body).toEqual({
      current: { version: '1', noticeAt: null, effectiveAt: null },
      upcoming: [{ version: '2026-12', summary: body.summary, noticeAt, effectiveAt }],
    });
    spec.platform.clock.set(effectiveAt);
    expect((await spec.when('GET', '/accounts/me/policy', { as: customer })).body).toMatchObject({
      current: { version: '2026-12' },
      upcoming: [],
    });
    expect((await spec.when('GET', '/policy-versions')).body).toHaveLength(1);
  });

  it('records mailing and sharing choices with time and policy version, for the customer and staff who need them (P13, P15)', async () => {
    const [customer, other] = [await open('consent.customer'), await open('consent.other')];
    expect((await spec.when('GET', '/accounts/me/consents', { as: customer })).body).toEqual({
      marketingMailings: true,
      partners: [],
      history: [],
    });
    expect(
      (await spec.when('PUT', '/accounts/me/consents/marketing-mailings', { as: customer, body: { optIn: 'no' } })).body.problems,
    ).toEqual(['optIn must be true or false']);
    const optedOut = await spec.when('PUT', '/accounts/me/consents/marketing-mailings', { as: customer, body: { optIn: false } });
    expect(optedOut).toMatchObject({
      body: { marketingMailings: false },
      events: [{ type: 'ConsentChanged', personal: expect.anything() }],
    });
    // The choice is sealed under the customer's key: the account's erasure takes it too.
    expect(optedOut.events[0].data).not.toHaveProperty('purpose');
    expect((await spec.when('PUT', '/accounts/me/consents/marketing-mailings', { as: customer, body: { optIn: false } })).events).toEqual(
      [],
    );
    expect((await spec.when('PUT', '/accounts/me/consents/partners/Not_A_Partner', { as: customer, body: { granted: true } })).status).toBe(
      400,
    );
    await spec.when('PUT', '/accounts/me/consents/partners/acme-backup', { as: customer, body: { granted: true } });
    const mine = (await spec.when('GET', '/accounts/me/consents', { as: customer })).body;
    expect(mine).toMatchObject({
      marketingMailings: false,
      partners: [{ partner: 'acme-backup', granted: true, policyVersion: expect.any(String) }],
    });
    expect((await spec.when('GET', '/accounts/me/consents', { as: other })).body).toEqual({
      marketingMailings: true,
      partners: [],
      history: [],
    });
    expect((await spec.when('GET', `/accounts/${customer.id}/consents`, { as: support })).body).toEqual(mine);
    expect((await spec.when('GET', `/accounts/${customer.id}/consents`, { as: officer })).status).toBe(200);
    expect((await spec.when('GET', `/accounts/${customer.id}/consents`, { as: other })).status).toBe(403);
    expect((await spec.when('GET', '/accounts/not-an-id/consents', { as: support })).status).toBe(400);
  });

  it('names a lone UTF-16 surrogate in any text as a 400 beside every other problem, never a 500, storing nothing', async () => {
    const customer = await open('surrogate.customer');
    const lone = 'ada\ud800@example.test';
    const staff = { username: 'new.staff', password: PASSWORD, name: 'New Staff', roles: ['support'] };
    const wellFormed = (field: string) => `${field} must be well-formed text: it holds a lone UTF-16 surrogate`;
    for (const [method, path, body, as, problems] of [
      [
        'POST',
        '/accounts',
        { ...signup('lone.signup'), email: lone, name: '' },
        undefined,
        [wellFormed('email'), 'name should not be empty'],
      ],
      ['POST', '/sessions', { username: 'lone\udc00', password: PASSWORD }, undefined, [wellFormed('username')]],
      ['POST', '/password-resets', { email: lone }, undefined, [wellFormed('email')]],
      ['PATCH', '/accounts/me', { email: lone }, customer, [wellFormed('email')]],
      ['POST', '/staff', { ...staff, email: lone }, officer, [wellFormed('email')]],
      [
        'POST',
        '/accounts',
        { ...signup('lone.street'), address: { ...signup('x').address, street: '\ud800' } },
        undefined,
        [wellFormed('address.street')],
      ],
    ] as const) {
      const answer = await spec.when(method, path, { body, as });
      expect({ path, status: answer.status, problems: answer.body.problems, events: answer.events }).toEqual({
        path,
        status: 400,
        problems: expect.arrayContaining(problems),
        events: [],
      });
    }
  });

  it('refuses control characters and bidirectional overrides in names and other free text, naming the field', async () => {
    const customer = await open('control.customer');
    const steppedUp = { ...customer, steppedUp: true };
    const refused = (field: string) => `${field} must not contain control or invisible characters, such as bidirectional overrides`;
    for (const [method, path, body, as, problem] of [
      ['POST', '/accounts', { ...signup('bidi.name'), name: 'Ada \u202egnirT' }, undefined, refused('name')],
      ['POST', '/accounts', { ...signup('bidi.email'), email: 'ada\u2066@example.test' }, undefined, refused('email')],
      ...['\u200f', '\u061c', '\u2028', '\ufeff', '\u00ad', '\u{e0041}'].map(
        (invisible, index) =>
          ['POST', '/accounts', { ...signup(`invisible.${index}`), name: `Ada${invisible}` }, undefined, refused('name')] as const,
      ),
      [
        'POST',
        '/accounts',
        { ...signup('nul.street'), address: { ...signup('x').address, city: 'Utrecht\u0000' } },
        undefined,
        refused('address.city'),
      ],
      ['PATCH', '/accounts/me', { name: 'Ada\u0007' }, customer, refused('name')],
      ['PUT', '/accounts/me/billing-details', { name: 'Ada\u0085', address: signup('x').address }, steppedUp, refused('name')],
      [
        'POST',
        '/staff',
        { username: 'c1.staff', password: PASSWORD, name: 'C1\u009b', email: 'c1@example.test', roles: ['support'] },
        officer,
        refused('name'),
      ],
      [
        'POST',
        '/policy-versions',
        { version: 'ctl-1', summary: 'Red \u001b[31malert' },
        officer,
        `${refused('summary')} (line breaks are allowed)`,
      ],
    ] as const) {
      const answer = await spec.when(method, path, { body, as });
      expect({ path, status: answer.status, problems: answer.body.problems, events: answer.events }).toEqual({
        path,
        status: 400,
        problems: [problem],
        events: [],
      });
    }
    const paragraphs = await spec.when('POST', '/policy-versions', { as: officer, body: { version: 'ctl-2', summary: 'One.\nTwo.' } });
    expect(paragraphs.status).toBe(201);
  });

  it('asks for a token on every route that is not public', async () => {
    for (const [method, path] of [
      ['GET', '/accounts/me'],
      ['PATCH', '/accounts/me'],
      ['GET', '/accounts/me/consents'],
      ['PUT', '/accounts/me/consents/marketing-mailings'],
      ['PUT', '/accounts/me/consents/partners/acme-backup'],
      ['GET', '/accounts/me/billing-details'],
      ['PUT', '/accounts/me/billing-details'],
      ['POST', '/sessions/step-up'],
      ['GET', '/sessions/mine'],
      ['POST', '/staff'],
      ['POST', '/policy-versions'],
      ['GET', '/accounts/me/policy'],
      ['GET', `/accounts/${support.id}/consents`],
    ]) {
      expect({ method, path, status: (await spec.when(method, path)).status }).toEqual({ method, path, status: 401 });
    }
  });
});
