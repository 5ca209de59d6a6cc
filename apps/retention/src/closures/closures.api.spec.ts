import { randomUUID } from 'node:crypto';
import { START } from '@privacy-ledger/ledger';
import type { ServiceSpec } from '@privacy-ledger/runtime';
import { eventually } from '@privacy-ledger/testing';
import { openCustomerAccount, startRetentionSpec } from '../retention.spec-service';

const DAY_MS = 24 * 3600 * 1000;
const PERIOD = { ms: 365 * DAY_MS };

describe('closing an account (P11, P12), specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  beforeAll(async () => {
    spec = await startRetentionSpec({ period: PERIOD });
  });
  afterAll(() => spec.close());

  const customer = () => ({ id: randomUUID(), kind: 'customer' as const, steppedUp: true });
  /** A later token of the same customer: one issued at the closure's moment is refused with the revocation. */
  const later = () => spec.platform.clock.advance(1);

  it('cancels an account: 202 with the erasure, due when the retention period ends; its tokens stop working', async () => {
    const ada = customer();
    const token = await spec.tokenOf(ada);
    const closed = await spec.when('POST', '/accounts/me/closure', { as: token, body: { removeNow: false } });
    const now = spec.platform.clock.now();
    expect(closed).toMatchObject({
      status: 202,
      body: {
        erasureId: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
        accountId: ada.id,
        state: 'scheduled',
        removeNow: false,
        dueAt: new Date(now.getTime() + PERIOD.ms).toISOString(),
      },
      events: [{ type: 'AccountClosed', personal: null, data: { accountId: ada.id, removeNow: false } }],
    });
    expect(await spec.when('POST', '/accounts/me/closure', { as: token, body: { removeNow: true } })).toMatchObject({
      status: 401,
      body: { message: 'this session was ended: log in again' },
    });
    expect(await spec.when('GET', `/erasures/${closed.body.erasureId}`)).toMatchObject({ status: 200, body: closed.body });
  });

  it('reactivates a cancelled account within the period, calling its erasure off', async () => {
    const ada = customer();
    const closed = await spec.when('POST', '/accounts/me/closure', { as: ada, body: { removeNow: false } });
    later();
    // A new log-in of a closed account opens nothing but the way back, removal now, and the customer's data.
    expect(await spec.when('GET', '/accounts/me/disclosures', { as: ada })).toMatchObject({
      status: 403,
      body: { message: expect.stringContaining('this account is closed') },
    });
    const reactivated = await spec.when('POST', '/accounts/me/reactivation', { as: ada });
    expect(reactivated).toMatchObject({
      status: 200,
      body: { erasureId: closed.body.erasureId, state: 'called-off' },
      events: [{ type: 'AccountReactivated' }],
    });
    const shown = await spec.when('GET', `/erasures/${closed.body.erasureId}`);
    expect(shown.body).toMatchObject({ state: 'called-off', calledOffAt: reactivated.body.calledOffAt });
    expect((await spec.when('POST', '/accounts/me/reactivation', { as: ada })).status).toBe(409);
    later();
    expect((await spec.when('POST', '/accounts/me/closure', { as: ada, body: { removeNow: false } })).status).toBe(202);
  });

  it('closes for removal now, due at once and never undone; a cancelled erasure becomes due when its time comes', async () => {
    const bob = customer();
    const removal = await spec.when('POST', '/accounts/me/closure', { as: bob, body: { removeNow: true } });
    expect(removal).toMatchObject({ status: 202, body: { state: 'due', removeNow: true } });
    later();
    expect(await spec.when('POST', '/accounts/me/reactivation', { as: bob })).toMatchObject({
      status: 409,
      body: { message: 'the account was closed for removal, which cannot be undone' },
    });
    const cal = customer();
    const cancelled = await spec.when('POST', '/accounts/me/closure', { as: cal, body: { removeNow: false } });
    spec.platform.clock.advance(PERIOD.ms);
    expect((await spec.when('GET', `/erasures/${cancelled.body.erasureId}`)).body.state).toBe('due');
  });

  it('asks for a step-up and a customer, names bad input, and tells no one about an erasure without its id', async () => {
    const dan = customer();
    expect((await spec.when('POST', '/accounts/me/closure', { as: { ...dan, steppedUp: false }, body: { removeNow: true } })).status).toBe(
      403,
    );
    const officer = { id: randomUUID(), kind: 'staff' as const, roles: ['privacy-officer' as const], steppedUp: true };
    expect((await spec.when('POST', '/accounts/me/closure', { as: officer, body: { removeNow: true } })).status).toBe(403);
    expect(await spec.when('POST', '/accounts/me/closure', { as: dan, body: { removeNow: 'yes' } })).toMatchObject({
      status: 400,
      body: { problems: ['removeNow must be true or false'] },
      events: [],
    });
    expect((await spec.when('POST', '/accounts/me/closure', { as: dan, body: {} })).status).toBe(400);
    expect((await spec.when('GET', `/erasures/${'x'.repeat(32)}`)).status).toBe(404);
    expect((await spec.when('GET', '/erasures/not-an-id')).status).toBe(404);
  });

  it('brings a cancelled account’s erasure forward when its customer, logged in again, asks for removal now', async () => {
    const cy = customer();
    const cancelled = await spec.when('POST', '/accounts/me/closure', { as: cy, body: { removeNow: false } });
    later();
    const forward = await spec.when('POST', '/accounts/me/closure', { as: cy, body: { removeNow: true } });
    expect(forward).toMatchObject({ status: 202, body: { erasureId: cancelled.body.erasureId, removeNow: true } });
    // One request time everywhere: the erasure's, the cancellation's, as the certificate will state it.
    const started = await eventually(
      async () => (await spec.eventsAfter(START)).find((event) => event.type === 'ErasureStarted' && event.data.accountId === cy.id),
      (event) => event !== undefined,
    );
    expect(started!.data.requestedAt).toBe(cancelled.body.requestedAt);
    expect(forward.body.requestedAt).toBe(cancelled.body.requestedAt);
    expect((await spec.when('GET', `/erasures/${cancelled.body.erasureId}`)).body.requestedAt).toBe(cancelled.body.requestedAt);
  });

  const officer = { id: randomUUID(), kind: 'staff' as const, roles: ['privacy-officer' as const], steppedUp: true };

  it('takes an account id in upper case as the same account', async () => {
    const accountId = await openCustomerAccount(spec);
    const started = await spec.when('POST', `/accounts/${accountId.toUpperCase()}/erasure`, {
      as: officer,
      body: { verifiedRequest: true },
    });
    expect(started).toMatchObject({ status: 202, body: { accountId } });
    expect((await spec.when('GET', `/accounts/${accountId}/erasures`, { as: officer })).body.erasures).toHaveLength(1);
  });

  it("starts an officer's erasure only for an account identity opened: a staff id, its own, an unknown one is not found", async () => {
    const staffMember = randomUUID();
    for (const accountId of [staffMember, officer.id, randomUUID()])
      expect(await spec.when('POST', `/accounts/${accountId}/erasure`, { as: officer, body: { verifiedRequest: true } })).toMatchObject({
        status: 404,
        body: { message: 'no such customer account' },
        events: [],
      });
    expect((await spec.when('GET', `/accounts/${staffMember}/erasures`, { as: officer })).body.erasures).toEqual([]);
  });
});
