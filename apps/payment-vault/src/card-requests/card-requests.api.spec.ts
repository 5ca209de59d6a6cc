import { randomUUID } from 'node:crypto';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { startVaultSpec } from '../payment-vault.spec-service';

describe('card requests (P9), specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  beforeAll(async () => {
    spec = await startVaultSpec();
  });
  afterAll(() => spec.close());

  const customer = () => ({ id: randomUUID(), kind: 'customer' as const, steppedUp: true });
  const support = { id: randomUUID(), kind: 'staff' as const, roles: ['support' as const] };
  const auditor = { id: randomUUID(), kind: 'staff' as const, roles: ['auditor' as const] };
  const addCard = async (as: ReturnType<typeof customer>) =>
    (
      await spec.when('POST', '/accounts/me/cards', {
        as,
        body: { number: '4111111111111111', expiryMonth: 12, expiryYear: 2030, holderName: 'Ada' },
      })
    ).body.id as string;

  it('lets a customer open a request for their card, list it and withdraw it', async () => {
    const ada = customer();
    const cardId = await addCard(ada);
    const opened = await spec.when('POST', '/accounts/me/card-requests', {
      as: ada,
      body: { kind: 'charge', cardId, amount: { minorUnits: 1250, currency: 'EUR' } },
    });
    expect(opened).toMatchObject({
      status: 201,
      body: {
        id: expect.any(String),
        accountId: ada.id,
        kind: 'charge',
        cardId,
        channel: 'self-service',
        recordedBy: ada.id,
        state: 'open',
      },
      events: [{ type: 'CardRequestOpened', personal: null }],
    });
    expect((await spec.when('GET', '/accounts/me/card-requests', { as: ada })).body.requests).toEqual([opened.body]);
    expect((await spec.when('DELETE', `/accounts/me/card-requests/${opened.body.id}`, { as: ada })).status).toBe(204);
    expect((await spec.when('DELETE', `/accounts/me/card-requests/${opened.body.id}`, { as: ada })).status).toBe(409);
    expect((await spec.when('GET', '/accounts/me/card-requests', { as: ada })).body.requests).toEqual([
      { ...opened.body, state: 'withdrawn' },
    ]);
  });

  it('tells an auditor that an erased account was erased (404), where one without requests lists none', async () => {
    const erased = customer();
    await spec.when('POST', `/accounts/${erased.id}/card-requests`, { as: support, body: { kind: 'add', channel: 'phone' } });
    await spec.platform.keyring.destroyAccount(erased.id);
    expect(await spec.when('GET', `/accounts/${erased.id}/card-requests`, { as: auditor })).toMatchObject({
      status: 404,
      body: { message: 'this account was erased' },
    });
    expect((await spec.when('GET', `/accounts/${randomUUID()}/card-requests`, { as: auditor })).body).toEqual({ requests: [] });
  });

  it('lets support record a request with the channel it came by, and auditors read them', async () => {
    const ada = customer();
    const recorded = await spec.when('POST', `/accounts/${ada.id}/card-requests`, { as: support, body: { kind: 'add', channel: 'phone' } });
    expect(recorded).toMatchObject({ status: 201, body: { kind: 'add', cardId: null, channel: 'phone', recordedBy: support.id } });
    expect((await spec.when('GET', `/accounts/${ada.id}/card-requests`, { as: auditor })).body.requests).toEqual([recorded.body]);
    expect(
      (await spec.when('POST', `/accounts/${ada.id}/card-requests`, { as: auditor, body: { kind: 'add', channel: 'phone' } })).status,
    ).toBe(403);
    expect((await spec.when('POST', `/accounts/${ada.id}/card-requests`, { as: support, body: { kind: 'add' } })).status).toBe(400);
  });

  it('refuses bad requests with every problem named, another customer card as unknown, and stores nothing', async () => {
    const [ada, bob] = [customer(), customer()];
    const bobsCard = await addCard(bob);
    const shape = await spec.when('POST', '/accounts/me/card-requests', {
      as: ada,
      body: { kind: 'refund', cardId: 'x', amount: { minorUnits: 1.5, currency: 'EURO' } },
    });
    expect(shape).toMatchObject({ status: 400, events: [] });
    expect(shape.body.problems).toEqual(
      expect.arrayContaining([
        'kind must be one of add, edit, delete, charge',
        'cardId must be an id (a UUID)',
        'amount.minorUnits must be a whole number of minor units',
        'amount.currency must be an ISO 4217 currency code, e.g. EUR',
      ]),
    );
    const rule = await spec.when('POST', '/accounts/me/card-requests', { as: ada, body: { kind: 'charge', cardId: randomUUID() } });
    expect(rule).toMatchObject({ status: 400, events: [] });
    expect(rule.body.message).toBe('amount is required for a request to charge a card');
    const foreign = await spec.when('POST', '/accounts/me/card-requests', { as: ada, body: { kind: 'delete', cardId: bobsCard } });
    expect(foreign).toMatchObject({ status: 404, events: [] });
  });
});
