import { randomUUID } from 'node:crypto';
import type { ServiceSpec } from '@privacy-ledger/runtime';
import { staffWith, startRetentionSpec } from '../retention.spec-service';
import { WritePath } from '@privacy-ledger/ledger';
import { standingHoldsOn } from './legal-holds.decider';

describe('legal holds (P12), specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  beforeAll(async () => {
    spec = await startRetentionSpec();
  });
  afterAll(() => spec.close());

  const [officer, auditor, support] = [staffWith('privacy-officer'), staffWith('auditor'), staffWith('support')];
  const hold = { kind: 'court-order', reference: 'Case 12/345', reason: 'ordered to keep the account records' };
  const place = (accountId: string, body: object = hold) => spec.when('POST', `/accounts/${accountId}/legal-holds`, { as: officer, body });
  const lift = (accountId: string, holdId: string, reason = 'case closed') =>
    spec.when('POST', `/accounts/${accountId}/legal-holds/${holdId}/lifting`, { as: officer, body: { reason } });
  const later = () => spec.platform.clock.advance(1000);

  it('places a hold: 201 standing, its kind, who and when in clear, its reference and reason sealed', async () => {
    const accountId = randomUUID();
    const placed = await place(accountId);
    expect(placed).toMatchObject({
      status: 201,
      body: {
        holdId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        accountId,
        kind: 'court-order',
        placedAt: expect.any(String),
        standing: true,
      },
      events: [
        {
          type: 'LegalHoldPlaced',
          data: { accountId, holdId: placed.body.holdId, kind: 'court-order', placedBy: officer.id },
          personal: { reference: 'Case 12/345', reason: 'ordered to keep the account records' },
        },
      ],
    });
    expect(placed.events[0].data).not.toHaveProperty('reference');
    expect(Object.keys(placed.body).sort()).toEqual(['accountId', 'holdId', 'kind', 'placedAt', 'standing']);
  });

  it('lifts a hold once with a reason; the privacy officer and the auditor list every hold, newest first, opened', async () => {
    const accountId = randomUUID();
    const first = (await place(accountId)).body;
    later();
    const second = (await place(accountId, { kind: 'accounting-irregularity', reference: 'Audit 2026/7', reason: 'invoices under review' }))
      .body;
    later();
    const lifted = await lift(accountId, first.holdId);
    expect(lifted).toMatchObject({
      status: 200,
      body: { holdId: first.holdId, accountId, kind: 'court-order', liftedBy: officer.id, standing: false },
      events: [{ type: 'LegalHoldLifted', personal: { reason: 'case closed' } }],
    });
    expect(await lift(accountId, first.holdId)).toMatchObject({
      status: 409,
      body: { message: `hold ${first.holdId} was lifted already` },
      events: [],
    });
    const listed = await spec.when('GET', `/accounts/${accountId}/legal-holds`, { as: auditor });
    expect(listed).toMatchObject({ status: 200 });
    expect(listed.body.holds).toEqual([
      {
        holdId: second.holdId,
        accountId,
        kind: 'accounting-irregularity',
        reference: 'Audit 2026/7',
        reason: 'invoices under review',
        placedBy: officer.id,
        placedAt: second.placedAt,
        standing: true,
        liftedBy: null,
        liftedAt: null,
        liftReason: null,
        shredded: false,
      },
      {
        holdId: first.holdId,
        accountId,
        kind: 'court-order',
        reference: 'Case 12/345',
        reason: 'ordered to keep the account records',
        placedBy: officer.id,
        placedAt: first.placedAt,
        standing: false,
        liftedBy: officer.id,
        liftedAt: lifted.body.liftedAt,
        liftReason: 'case closed',
        shredded: false,
      },
    ]);
    expect((await spec.when('GET', `/accounts/${accountId}/legal-holds`, { as: officer })).body).toEqual(listed.body);
    const writes = new WritePath(spec.platform.events, spec.platform.keyringOf('retention'));
    expect(await standingHoldsOn(writes, accountId)).toEqual([
      { holdId: second.holdId, kind: 'accounting-irregularity', placedAt: second.placedAt, standing: true },
    ]);
    expect((await spec.when('GET', `/accounts/${randomUUID()}/legal-holds`, { as: auditor })).body).toEqual({ holds: [] });
  });

  it('answers 404 to lifting a hold the account does not have', async () => {
    const accountId = randomUUID();
    const { holdId } = (await place(accountId)).body;
    expect(await lift(accountId, randomUUID())).toMatchObject({
      status: 404,
      body: { message: 'no such legal hold on this account' },
      events: [],
    });
    expect(await lift(randomUUID(), holdId)).toMatchObject({ status: 404, events: [] });
  });

  it('lets only the privacy officer place and lift holds, and the auditor read them', async () => {
    const accountId = randomUUID();
    const { holdId } = (await place(accountId)).body;
    const customer = { id: accountId, kind: 'customer' as const, steppedUp: true };
    for (const as of [customer, support, auditor]) {
      expect(await spec.when('POST', `/accounts/${accountId}/legal-holds`, { as, body: hold })).toMatchObject({ status: 403, events: [] });
      expect((await spec.when('POST', `/accounts/${accountId}/legal-holds/${holdId}/lifting`, { as, body: { reason: 'r' } })).status).toBe(
        403,
      );
    }
    for (const as of [customer, support]) expect((await spec.when('GET', `/accounts/${accountId}/legal-holds`, { as })).status).toBe(403);
    expect((await spec.when('POST', `/accounts/${accountId}/legal-holds`, { body: hold })).status).toBe(401);
    expect((await spec.when('POST', `/accounts/${accountId}/legal-holds/${holdId}/lifting`, { body: { reason: 'r' } })).status).toBe(401);
    expect((await spec.when('GET', `/accounts/${accountId}/legal-holds`)).status).toBe(401);
  });

  it('names every problem of bad input with a 400, and stores nothing', async () => {
    const accountId = randomUUID();
    const bad = await place(accountId, { kind: 'whim', reference: '', reason: 42, note: 'x' });
    expect(bad).toMatchObject({ status: 400, events: [] });
    expect(bad.body.problems).toEqual(
      expect.arrayContaining([
        'property note should not exist',
        'kind must be one of legal-obligation, court-order, accounting-irregularity',
        'reference must not be empty',
        'reason must be text',
      ]),
    );
    expect((await place(accountId, {})).body.problems).toEqual(['kind is required', 'reference is required', 'reason is required']);
    expect((await place(accountId, { ...hold, reference: 'Case\u202E 12' })).body.problems).toEqual([
      'reference must not contain control or invisible characters, such as bidirectional overrides',
    ]);
    expect((await place(accountId, { ...hold, reason: 'x'.repeat(2001) })).body.problems).toEqual([
      'reason must be at most 2000 characters',
    ]);
    expect((await place('not-an-id')).body).toMatchObject({ statusCode: 400, message: 'accountId must be an id (a UUID)' });
    expect((await lift(accountId, 'h1')).body).toMatchObject({ statusCode: 400, message: 'holdId must be an id (a UUID)' });
    const { holdId } = (await place(accountId)).body;
    expect(await lift(accountId, holdId, '')).toMatchObject({ status: 400, body: { problems: ['reason must not be empty'] }, events: [] });
    expect((await spec.when('GET', '/accounts/me/legal-holds', { as: auditor })).status).toBe(400);
  });

  it('marks a hold shredded once the account’s keys are destroyed, and still accounts for it', async () => {
    const accountId = randomUUID();
    const { holdId } = (await place(accountId)).body;
    await spec.platform.keyring.destroyAccount(accountId);
    expect((await spec.when('GET', `/accounts/${accountId}/legal-holds`, { as: auditor })).body.holds).toEqual([
      expect.objectContaining({ holdId, kind: 'court-order', standing: true, reference: null, reason: null, shredded: true }),
    ]);
    expect(await place(accountId)).toMatchObject({ status: 409, events: [] });
  });
});
