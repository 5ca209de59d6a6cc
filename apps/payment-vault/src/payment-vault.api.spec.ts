import { randomUUID } from 'node:crypto';
import { START } from '@privacy-ledger/ledger';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { startVaultSpec } from './payment-vault.spec-service';

/** Canary numbers: valid test cards whose digits must never appear outside the vault's sealed parts. */
const CANARY_VISA = '4000056655665556';
const CANARY_MASTERCARD = '5200828282828210';
const card = (number: string, overrides: object = {}) => ({
  number,
  expiryMonth: 12,
  expiryYear: 2029,
  holderName: 'Ada Canaryholder',
  ...overrides,
});
const customer = () => ({ id: randomUUID(), kind: 'customer' as const, steppedUp: true });

describe('payment vault, specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  /** Every answer of this specification, scanned for the canary numbers at its end. */
  const answers: string[] = [];
  beforeAll(async () => {
    const started = await startVaultSpec();
    const when = started.when.bind(started);
    started.when = async (...call) => {
      const answer = await when(...call);
      answers.push(JSON.stringify(answer.body));
      return answer;
    };
    spec = started;
  });
  afterAll(() => spec.close());

  it('stores a card sealed and shows it masked: brand, last four digits, expiry and fingerprint (P7)', async () => {
    const ada = customer();
    const added = await spec.when('POST', '/accounts/me/cards', { as: ada, body: card(CANARY_VISA) });
    expect(added).toMatchObject({
      status: 201,
      body: {
        id: expect.any(String),
        brand: 'visa',
        last4: '5556',
        expiryMonth: 12,
        expiryYear: 2029,
        fingerprint: expect.any(String),
        version: 1,
      },
      events: [{ type: 'CardAdded', data: { accountId: ada.id, cardId: added.body.id }, personal: card(CANARY_VISA) }],
    });
    expect(Object.keys(added.body).sort()).toEqual(['brand', 'expiryMonth', 'expiryYear', 'fingerprint', 'id', 'last4', 'version']);
    expect((await spec.when('GET', '/accounts/me/cards', { as: ada })).body).toEqual({ cards: [added.body] });
  });

  it('recognises the same number added twice to one account, and keeps accounts apart', async () => {
    const [ada, bob] = [customer(), customer()];
    const first = await spec.when('POST', '/accounts/me/cards', { as: ada, body: card(CANARY_MASTERCARD) });
    const again = await spec.when('POST', '/accounts/me/cards', { as: ada, body: card(CANARY_MASTERCARD, { expiryYear: 2030 }) });
    expect(again).toMatchObject({ status: 409, events: [] });
    expect(again.body.message).toBe(`this card is stored for the account already, as ${first.body.id}`);
    const bobs = await spec.when('POST', '/accounts/me/cards', { as: bob, body: card(CANARY_MASTERCARD) });
    expect(bobs.status).toBe(201);
    expect(bobs.body.fingerprint).not.toBe(first.body.fingerprint);
    expect(
      (
        await spec.when('PATCH', `/accounts/me/cards/${first.body.id}`, {
          as: bob,
          body: { expiryYear: 2031 },
          headers: { 'if-match': '1' },
        })
      ).status,
    ).toBe(404);
    expect((await spec.when('DELETE', `/accounts/me/cards/${first.body.id}`, { as: bob })).status).toBe(404);
  });

  it('changes a card and deletes it for good: its key is destroyed (P8)', async () => {
    const ada = customer();
    const added = await spec.when('POST', '/accounts/me/cards', { as: ada, body: card('4111111111111111') });
    const change = (body: object, headers: Record<string, string> = {}) =>
      spec.when('PATCH', `/accounts/me/cards/${added.body.id}`, { as: ada, body, headers });
    expect(added.body.version).toBe(1);
    expect((await change({ expiryYear: 2030 })).status).toBe(428);
    const changed = await change({ expiryMonth: 3, expiryYear: 2030 }, { 'if-match': '1' });
    expect(changed).toMatchObject({
      status: 200,
      body: { id: added.body.id, last4: '1111', expiryMonth: 3, expiryYear: 2030, version: 2 },
    });
    expect(changed.events.map((e) => [e.type, e.data.fields])).toEqual([['CardChanged', ['expiryMonth', 'expiryYear']]]);
    const stale = await change({ expiryYear: 2031 }, { 'if-match': '1' });
    expect(stale).toMatchObject({ status: 409, events: [] });
    expect(stale.body.message).toBe('the card was changed meanwhile: it is at version 2, read it again');
    const deleted = await spec.when('DELETE', `/accounts/me/cards/${added.body.id}`, { as: ada });
    expect(deleted).toMatchObject({ status: 204, events: [{ type: 'CardDeleted', personal: null }] });
    expect((await spec.when('GET', '/accounts/me/cards', { as: ada })).body).toEqual({ cards: [] });
    const history = (await spec.eventsAfter(START)).filter((e) => e.data.cardId === added.body.id && e.personal !== null);
    expect(history.map((e) => [e.type, e.personal])).toEqual([
      ['CardAdded', 'shredded'],
      ['CardChanged', 'shredded'],
    ]);
  });

  it('answers bad input with a 400 naming every problem, and stores nothing (never quoting the number)', async () => {
    const ada = customer();
    const bad = await spec.when('POST', '/accounts/me/cards', {
      as: ada,
      body: { number: '4000056655665557', expiryMonth: 13, expiryYear: 1999, holderName: '' },
    });
    expect(bad).toMatchObject({ status: 400, events: [] });
    expect(bad.body.problems).toEqual(
      expect.arrayContaining([
        'number fails its check digit (Luhn)',
        'expiryMonth must not be greater than 12',
        'expiryYear must not be less than 2000',
        'holderName should not be empty',
      ]),
    );
    expect(JSON.stringify(bad.body)).not.toContain('4000056655665557');
    const expired = await spec.when('POST', '/accounts/me/cards', {
      as: ada,
      body: card('4111111111111111', { expiryMonth: 1, expiryYear: 2020 }),
    });
    expect(expired).toMatchObject({ status: 400, events: [] });
    expect(
      (
        await spec.when('PATCH', `/accounts/me/cards/${randomUUID()}`, {
          as: ada,
          body: { expiryYear: 2030 },
          headers: { 'if-match': '1' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await spec.when('PATCH', '/accounts/me/cards/not-an-id', { as: ada, body: { expiryYear: 2030 }, headers: { 'if-match': '1' } }))
        .status,
    ).toBe(400);
  });

  it('opens cards only after a recent step-up, to customers only', async () => {
    const ada = { ...customer(), steppedUp: false };
    expect((await spec.when('GET', '/accounts/me/cards', { as: ada })).status).toBe(403);
    expect((await spec.when('POST', '/accounts/me/cards', { as: ada, body: card('4111111111111111') })).status).toBe(403);
    const staff = { id: randomUUID(), kind: 'staff' as const, roles: ['billing' as const], steppedUp: true };
    expect((await spec.when('GET', '/accounts/me/cards', { as: staff })).status).toBe(403);
    expect((await spec.when('GET', '/accounts/me/cards')).status).toBe(401);
  });

  it('never writes a canary number anywhere but sealed parts, nor answers with it or its first six and last four', async () => {
    const stored = JSON.stringify({
      events: (await spec.platform.events.readAll({ maxCount: 100_000 })).map(({ personal, ...event }) => ({
        ...event,
        personal: personal ? Buffer.from(personal).toString('latin1') : null,
      })),
      cards: await spec.platform.readModels.list('cards', { limit: 1000 }),
    });
    const answered = answers.join('\n');
    expect(answered).toContain('"last4":"5556"');
    for (const number of [CANARY_VISA, CANARY_MASTERCARD]) {
      expect(stored).not.toContain(number);
      expect(answered).not.toContain(number);
      expect(answered).not.toMatch(new RegExp(`${number.slice(0, 6)}\\D{0,12}${number.slice(-4)}`));
    }
  });

  it('stores none of the fingerprints it shows: with the vault key, one gives the number back once its key is gone', async () => {
    const stored = JSON.stringify({
      events: (await spec.platform.events.readAll({ maxCount: 100_000 })).map(({ personal: _sealed, ...event }) => event),
      documents: await spec.platform.readModels.list('cards', { limit: 1000 }),
    });
    const shown = [...answers.join('\n').matchAll(/"fingerprint":"([^"]+)"/g)].map(([, fingerprint]) => fingerprint);
    expect(shown.length).toBeGreaterThan(3);
    for (const fingerprint of shown) expect(stored).not.toContain(fingerprint);
  });
});
