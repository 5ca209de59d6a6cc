import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { TOTP, URI } from 'otpauth';
import { STEP_UP_REQUIRED } from '@privacy-ledger/auth';
import { START } from '@privacy-ledger/ledger';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { findCanariesInText } from '@privacy-ledger/testing';
import { IdentityModule } from '../identity.module';
import { TokenSigner } from '../tokens/token-signer';
import { CODE_REFUSED, SECOND_FACTOR_NOT_ENROLLED } from './staff.decider';

const PASSWORD = 'a long enough passphrase';
const PERIOD_MS = 30_000;
const officer = { id: randomUUID(), kind: 'staff', roles: ['privacy-officer'] } as const;
const BAD_CODE = 'code must be the 6 digits the authenticator app shows, as a string';

describe('staff second factor (TOTP), specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  /** Every secret an enrolment answered: none may appear in any event's plain data. */
  const secrets: string[] = [];
  const now = () => spec.platform.clock.now().getTime();
  const codeOf = (totp: TOTP, at = now()) => totp.generate({ timestamp: at });
  /** A code of none of the three time steps a verification looks at. */
  const wrongCodeOf = (totp: TOTP) => {
    const near = [-1, 0, 1].map((step) => codeOf(totp, now() + step * PERIOD_MS));
    return ['000000', '111111', '222222', '333333'].find((code) => !near.includes(code))!;
  };

  const registerAndLogIn = async (username: string) => {
    const email = `${username}@example.test`;
    const body = { username, password: PASSWORD, name: `Name of ${username}`, email, roles: ['card-custodian'] };
    const registered = await spec.when('POST', '/staff', { as: officer, body });
    expect(registered.status).toBe(201);
    const token = (await spec.when('POST', '/sessions', { body: { username, password: PASSWORD } })).body.accessToken as string;
    return { id: registered.body.id as string, token };
  };
  const stepUp = async (token: string) =>
    (await spec.when('POST', '/sessions/step-up', { as: token, body: { password: PASSWORD } })).body.accessToken as string;
  const startEnrolment = async (token: string) => {
    const started = await spec.when('POST', '/staff/me/totp', { as: token });
    expect(started.status).toBe(201);
    secrets.push(started.body.secret);
    return { started, totp: URI.parse(started.body.otpauthUri) as TOTP };
  };
  /** A staff member logged in, stepped up and enrolled, one period after the code that confirmed the enrolment. */
  const enrolled = async (username: string) => {
    const { id, token } = await registerAndLogIn(username);
    const steppedUp = await stepUp(token);
    const { totp } = await startEnrolment(steppedUp);
    expect((await spec.when('POST', '/staff/me/totp/confirmation', { as: token, body: { code: codeOf(totp) } })).status).toBe(204);
    spec.platform.clock.advance(PERIOD_MS);
    return { id, token, steppedUp, totp };
  };

  beforeAll(async () => {
    spec = await ServiceSpec.start('identity', async (platform, tokens) =>
      IdentityModule.forPlatform(platform, await TokenSigner.fromPrivateJwk(tokens.privateJwk)),
    );
  });
  afterAll(() => spec.close());

  it('starts an enrolment only after a step-up, answering a QR-ready otpauth URI and the secret sealed in the staff stream', async () => {
    const { id, token } = await registerAndLogIn('totp.enrolee');
    expect(await spec.when('POST', '/staff/me/totp', { as: token })).toMatchObject({
      status: 403,
      body: { message: STEP_UP_REQUIRED },
      events: [],
    });
    const { started, totp } = await startEnrolment(await stepUp(token));
    const { otpauthUri, secret } = started.body;
    expect(Object.keys(started.body).sort()).toEqual(['otpauthUri', 'secret']);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Privacy%20Ledger:totp\.enrolee\?/);
    expect(new URL(otpauthUri).searchParams).toEqual(
      new URLSearchParams({ issuer: 'Privacy Ledger', secret, algorithm: 'SHA1', digits: '6', period: '30' }),
    );
    expect([totp.algorithm, totp.digits, totp.period, totp.secret.base32]).toEqual(['SHA1', 6, 30, secret]);
    expect(started.events).toEqual([
      {
        stream: `staff-member-${id}`,
        type: 'StaffTotpEnrolmentStarted',
        data: { staffId: id, enrolmentId: expect.any(String), startedAt: spec.platform.clock.now().toISOString() },
        personal: { secret },
      },
    ]);
  });

  it('confirms the latest pending secret with a code of it, then refuses to replace the factor', async () => {
    const { id, token } = await registerAndLogIn('totp.confirmer');
    const steppedUp = await stepUp(token);
    expect(await spec.when('POST', '/staff/me/totp/confirmation', { as: token, body: { code: '123456' } })).toMatchObject({
      status: 409,
      body: { message: 'no second factor awaits confirmation: start with POST /staff/me/totp' },
    });
    const first = await startEnrolment(steppedUp);
    const latest = await startEnrolment(steppedUp);
    expect(latest.totp.secret.base32).not.toBe(first.totp.secret.base32);
    const ofReplaced = await spec.when('POST', '/staff/me/totp/confirmation', { as: token, body: { code: codeOf(first.totp) } });
    expect(ofReplaced).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^the code is not correct/) }, events: [] });
    const confirmed = await spec.when('POST', '/staff/me/totp/confirmation', { as: token, body: { code: codeOf(latest.totp) } });
    expect(confirmed).toMatchObject({
      status: 204,
      events: [
        {
          stream: `staff-member-${id}`,
          type: 'StaffTotpEnrolled',
          data: { staffId: id, enrolmentId: latest.started.events[0].data.enrolmentId, timeStep: expect.any(Number) },
          personal: null,
        },
      ],
    });
    expect((await spec.when('POST', '/staff/me/totp/confirmation', { as: token, body: { code: codeOf(latest.totp) } })).status).toBe(409);
    expect(await spec.when('POST', '/staff/me/totp', { as: steppedUp })).toMatchObject({
      status: 409,
      body: { message: 'a second factor is enrolled already: it cannot be replaced here' },
      events: [],
    });
    expect(await spec.when('POST', '/sessions/mfa', { as: token, body: { code: codeOf(latest.totp) } })).toMatchObject({
      status: 401,
      body: { message: CODE_REFUSED },
    });
  });

  it('passes the second factor with a code once: a token of the same session with mfaAt, keeping the step-up', async () => {
    const { id, steppedUp, totp } = await enrolled('totp.user');
    const before = decodeJwt(steppedUp);
    expect(before.mfaAt).toBeUndefined();
    const code = codeOf(totp);
    const passed = await spec.when('POST', '/sessions/mfa', { as: steppedUp, body: { code } });
    expect(passed).toMatchObject({ status: 201, body: { accessToken: expect.any(String), tokenType: 'Bearer' } });
    expect(Object.keys(passed.body).sort()).toEqual(['accessToken', 'tokenType']);
    expect(decodeJwt(passed.body.accessToken)).toMatchObject({
      sub: id,
      sid: before.sid,
      kind: 'staff',
      roles: ['card-custodian'],
      stepUpAt: before.stepUpAt,
      mfaAt: now(),
      iatMs: now(),
    });
    expect(passed.events.map(({ stream, type, data, personal }) => ({ stream, type, data, personal }))).toEqual([
      {
        stream: `staff-member-${id}`,
        type: 'StaffTotpCodeAccepted',
        data: expect.objectContaining({ staffId: id, timeStep: Math.floor(now() / PERIOD_MS), sessionId: before.sid }),
        personal: null,
      },
      {
        stream: `session-${String(before.sid)}`,
        type: 'SessionMfaVerified',
        data: { sessionId: before.sid, principalId: id, verifiedAt: spec.platform.clock.now().toISOString() },
        personal: null,
      },
    ]);
    expect((await spec.when('GET', '/sessions/mine', { as: passed.body.accessToken })).status).toBe(200);

    expect(await spec.when('POST', '/sessions/mfa', { as: steppedUp, body: { code } })).toMatchObject({
      status: 401,
      body: { message: CODE_REFUSED },
      events: [],
    });
    spec.platform.clock.advance(PERIOD_MS);
    const next = await spec.when('POST', '/sessions/mfa', { as: passed.body.accessToken, body: { code: codeOf(totp) } });
    expect(next.status).toBe(201);
    expect(decodeJwt(next.body.accessToken).mfaAt).toBe(now());
    // A code of the step before, which the drift window would take, is older than one accepted already.
    expect((await spec.when('POST', '/sessions/mfa', { as: steppedUp, body: { code: codeOf(totp, now() - PERIOD_MS) } })).status).toBe(401);
  });

  it('takes a code of the step before or after ours (clock drift), and none further away', async () => {
    const { token, totp } = await enrolled('totp.drifter');
    for (const steps of [-2, 2])
      expect(
        (await spec.when('POST', '/sessions/mfa', { as: token, body: { code: codeOf(totp, now() + steps * PERIOD_MS) } })).status,
      ).toBe(401);
    expect((await spec.when('POST', '/sessions/mfa', { as: token, body: { code: codeOf(totp, now() + PERIOD_MS) } })).status).toBe(201);
  });

  it('gives a token with mfaAt but no step-up to a session that did not step up', async () => {
    const { id, token } = await registerAndLogIn('totp.plain');
    const { totp } = await startEnrolment(await stepUp(token));
    await spec.when('POST', '/staff/me/totp/confirmation', { as: token, body: { code: codeOf(totp) } });
    spec.platform.clock.advance(PERIOD_MS);
    const fresh = (await spec.when('POST', '/sessions', { body: { username: 'totp.plain', password: PASSWORD } })).body.accessToken;
    const passed = await spec.when('POST', '/sessions/mfa', { as: fresh, body: { code: codeOf(totp) } });
    const claims = decodeJwt(passed.body.accessToken);
    expect([claims.sub, claims.sid, claims.mfaAt, claims.stepUpAt]).toEqual([id, decodeJwt(fresh).sid, now(), undefined]);
  });

  it('lets exactly one of two racing requests with the same code pass, refusing the other with 401', async () => {
    const { id, token, totp } = await enrolled('totp.racer');
    const code = codeOf(totp);
    // Each append of an accepted code waits for the other's, so both requests decided on the same state: one append loses.
    const { events } = spec.platform;
    const append = events.append.bind(events);
    const waiting: (() => void)[] = [];
    const together = jest.spyOn(events, 'append').mockImplementation(async (streamId, appended, options) => {
      if (appended.some(({ type }) => type === 'StaffTotpCodeAccepted') && waiting.length < 2)
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === 2) waiting.forEach((release) => release());
        });
      return append(streamId, appended, options);
    });
    const answers = await Promise.all([1, 2].map(() => spec.when('POST', '/sessions/mfa', { as: token, body: { code } })));
    together.mockRestore();
    expect(waiting).toHaveLength(2);
    expect(answers.map(({ status, body }) => [status, body.message]).sort()).toEqual([
      [201, undefined],
      [401, CODE_REFUSED],
    ]);
    const accepted = (await spec.platform.events.readStream(`staff-member-${id}`)).filter((e) => e.type === 'StaffTotpCodeAccepted');
    expect(accepted).toHaveLength(1);
  });

  it('refuses wrong codes with 401, and after five of them every try with 429 and Retry-After, a right code too', async () => {
    const { token, totp } = await enrolled('totp.guessed');
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await spec.when('POST', '/sessions/mfa', { as: token, body: { code: wrongCodeOf(totp) } }));
    expect(tries.map(({ status }) => status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(tries[0].body.message).toBe(CODE_REFUSED);
    expect(tries[5].headers.get('retry-after')).toBe('2');
    expect((await spec.when('POST', '/sessions/mfa', { as: token, body: { code: codeOf(totp) } })).status).toBe(429);
    spec.platform.clock.advance(2000);
    expect((await spec.when('POST', '/sessions/mfa', { as: token, body: { code: codeOf(totp) } })).status).toBe(201);
  });

  it('answers customers 403, staff without a factor 409, and a malformed code 400 naming the problem', async () => {
    const customer = { id: randomUUID(), kind: 'customer' } as const;
    for (const path of ['/sessions/mfa', '/staff/me/totp', '/staff/me/totp/confirmation'])
      expect((await spec.when('POST', path, { as: { ...customer, steppedUp: true }, body: { code: '123456' } })).status).toBe(403);
    const { token } = await registerAndLogIn('totp.none');
    expect(await spec.when('POST', '/sessions/mfa', { as: token, body: { code: '123456' } })).toMatchObject({
      status: 409,
      body: { message: SECOND_FACTOR_NOT_ENROLLED },
      events: [],
    });
    const malformed = [{ code: '12345' }, { code: '1234567' }, { code: 123456 }, { code: '12345a' }, { code: ' 123456' }];
    for (const [body, problem] of [[{}, 'code is required'] as const, ...malformed.map((body) => [body, BAD_CODE] as const)])
      for (const path of ['/sessions/mfa', '/staff/me/totp/confirmation'])
        expect(await spec.when('POST', path, { as: token, body })).toMatchObject({
          status: 400,
          body: { problems: [problem] },
          events: [],
        });
    expect((await spec.when('POST', '/sessions/mfa', { as: token, body: { code: '123456', extra: 1 } })).body.problems).toEqual([
      'property extra should not exist',
    ]);
    for (const path of ['/sessions/mfa', '/staff/me/totp', '/staff/me/totp/confirmation'])
      expect((await spec.when('POST', path)).status).toBe(401);
  });

  it('keeps every secret out of the plain data of every stored event, and the ledger sealed part unreadable as text', async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const stored = await spec.platform.events.readAll({ after: START, maxCount: 100_000 });
    const plain = stored.map(({ type, data, metadata }) => JSON.stringify({ type, data, metadata })).join('\n');
    const sealed = Buffer.concat(stored.flatMap(({ personal }) => (personal ? [Buffer.from(personal)] : [])));
    expect(findCanariesInText(plain, secrets)).toEqual([]);
    expect(findCanariesInText(sealed, secrets)).toEqual([]);
    expect(findCanariesInText(plain, ['totp.enrolee', 'totp.user'])).toEqual([]);
    expect(stored.filter(({ type }) => type === 'StaffTotpEnrolmentStarted').every(({ personal }) => personal !== null)).toBe(true);
  });
});
