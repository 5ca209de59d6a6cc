import { randomUUID } from 'node:crypto';
import { MFA_REQUIRED } from '@privacy-ledger/auth';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { SETTLEMENT_WAIT_MS } from '../charges/charge-card.handler';
import { startVaultSpec } from '../payment-vault.spec-service';

/** Canary numbers a custodian charges and edits: they must appear in no answer and in no event's plain data. */
const CANARY_CHARGED = '4000056655665556';
const CANARY_EDITED = '5200828282828210';
const DECLINED = '4000000000009995';
const FAILING = '4000000000000119';

describe('staff use of cards (P9): card custodians act only on an open request of its kind, and every try is logged', () => {
  let spec: ServiceSpec;
  const answers: string[] = [];
  beforeAll(async () => {
    spec = await startVaultSpec();
  });
  afterAll(async () => {
    await spec.close();
    for (const canary of [CANARY_CHARGED, CANARY_EDITED, CANARY_CHARGED.slice(0, 6), CANARY_EDITED.slice(0, 6)])
      expect(answers.filter((answer) => answer.includes(canary))).toEqual([]);
  });

  const staff = (role: 'card-custodian' | 'support' | 'auditor', mfa = true) => ({
    id: randomUUID(),
    kind: 'staff' as const,
    roles: [role],
    mfa,
  });
  const custodian = staff('card-custodian');
  const auditor = staff('auditor');
  const when = async (...call: Parameters<ServiceSpec['when']>) => {
    const answer = await spec.when(...call);
    answers.push(JSON.stringify(answer.body));
    return answer;
  };

  /** A customer with a card and an open request about it. */
  async function customerAsking(kind: 'charge' | 'edit', number = CANARY_CHARGED) {
    const customer = { id: randomUUID(), kind: 'customer' as const, steppedUp: true };
    const card = (
      await when('POST', '/accounts/me/cards', { as: customer, body: { number, expiryMonth: 12, expiryYear: 2030, holderName: 'Ada' } })
    ).body;
    const amount = kind === 'charge' ? { minorUnits: 1250, currency: 'EUR' } : undefined;
    const request = (await when('POST', '/accounts/me/card-requests', { as: customer, body: { kind, cardId: card.id, amount } })).body;
    return { customer, accountId: customer.id as string, cardId: card.id as string, requestId: request.id as string, card };
  }
  const charge = (asked: { accountId: string; cardId: string; requestId: string }, as: object, key: string | null = randomUUID()) =>
    when('POST', `/accounts/${asked.accountId}/cards/${asked.cardId}/charges`, {
      as: as as never,
      body: { requestId: asked.requestId },
      headers: key === null ? {} : { 'idempotency-key': key },
    });
  const requestState = async ({ customer }: { customer: object }) =>
    (await when('GET', '/accounts/me/card-requests', { as: customer as never })).body.requests[0].state;

  describe('charges', () => {
    it('charges the amount the customer asked for, once: the request is fulfilled, and a retry gives the first answer', async () => {
      const asked = await customerAsking('charge');
      const key = randomUUID();
      const charged = await charge(asked, custodian, key);
      expect(charged).toMatchObject({
        status: 201,
        body: {
          id: expect.any(String),
          accountId: asked.accountId,
          requestId: asked.requestId,
          cardId: asked.cardId,
          amount: { minorUnits: 1250, currency: 'EUR' },
          staffId: custodian.id,
          outcome: 'approved',
          reference: expect.stringMatching(/^test_/),
          reason: null,
        },
        events: [
          { type: 'CardChargeStarted', personal: null, data: { staffId: custodian.id, requestId: asked.requestId } },
          { type: 'CardChargeSettled', personal: null, data: { outcome: 'approved' } },
        ],
      });
      expect(await requestState(asked)).toBe('fulfilled');
      const retried = await charge(asked, custodian, key);
      expect(retried).toMatchObject({ status: 201, body: charged.body, events: [] });
      const another = await charge(asked, custodian);
      expect(another).toMatchObject({
        status: 403,
        body: { message: 'the card request is fulfilled, not open' },
        events: [{ type: 'CardUseRefused' }],
      });
    });

    it('charges once when two calls with the same Idempotency-Key race', async () => {
      const asked = await customerAsking('charge');
      const key = randomUUID();
      const before = await spec.platform.events.headPosition();
      const [first, second] = await Promise.all([charge(asked, custodian, key), charge(asked, custodian, key)]);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      const appended = (await spec.eventsAfter(before)).map((event) => event.type);
      expect(appended).toEqual(['CardChargeStarted', 'CardChargeSettled']);
    });

    it('settles a charge a stopped process left unsettled, before a charge under another key, so the request moves on', async () => {
      const asked = await customerAsking('charge');
      const abandoned = randomUUID();
      await spec.given({
        stream: `account-card-requests-${asked.accountId}`,
        type: 'CardChargeStarted',
        data: {
          accountId: asked.accountId,
          requestId: asked.requestId,
          chargeId: abandoned,
          cardId: asked.cardId,
          amount: { minorUnits: 1250, currency: 'EUR' },
          staffId: custodian.id,
          startedAt: spec.platform.clock.now().toISOString(),
        },
      });
      expect(await charge(asked, custodian)).toMatchObject({ status: 409, body: { message: /being charged already/ } });
      spec.platform.clock.advance(SETTLEMENT_WAIT_MS);
      expect(await charge(asked, custodian)).toMatchObject({
        status: 403,
        body: { message: 'the card request is fulfilled, not open' },
        events: [{ type: 'CardChargeSettled', data: { chargeId: abandoned, outcome: 'approved' } }, { type: 'CardUseRefused' }],
      });
    });

    it('answers a decline 402 and a processor failure 502, leaving the request open for another try', async () => {
      const declined = await customerAsking('charge', DECLINED);
      expect(await charge(declined, custodian)).toMatchObject({ status: 402, body: { outcome: 'declined', reason: 'insufficient_funds' } });
      expect(await requestState(declined)).toBe('open');
      const failing = await customerAsking('charge', FAILING);
      expect(await charge(failing, custodian)).toMatchObject({ status: 502, body: { outcome: 'failed', reason: 'processing_error' } });
      expect(await requestState(failing)).toBe('open');
    });

    it('asks for an Idempotency-Key of visible characters, and refuses one reused for another charge of the account', async () => {
      const asked = await customerAsking('charge');
      expect(await charge(asked, custodian, null)).toMatchObject({ status: 400, body: { message: /Idempotency-Key header is required/ } });
      expect(await charge(asked, custodian, 'with space')).toMatchObject({ status: 400, events: [] });
      const key = randomUUID();
      expect((await charge(asked, custodian, key)).status).toBe(201);
      const other = await when('POST', '/accounts/me/cards', {
        as: asked.customer,
        body: { number: '4111111111111111', expiryMonth: 1, expiryYear: 2031, holderName: 'Ada' },
      });
      const otherRequest = await when('POST', '/accounts/me/card-requests', {
        as: asked.customer,
        body: { kind: 'charge', cardId: other.body.id, amount: { minorUnits: 5, currency: 'JPY' } },
      });
      const reused = await charge({ ...asked, cardId: other.body.id, requestId: otherRequest.body.id }, custodian, key);
      expect(reused).toMatchObject({
        status: 409,
        body: { message: 'this Idempotency-Key was used for another charge of this account: use a new key' },
        events: [{ type: 'CardUseRefused' }],
      });
    });

    it('never quotes back a property name that could hold a card number', async () => {
      const asked = await customerAsking('charge');
      const refused = await when('POST', `/accounts/${asked.accountId}/cards/${asked.cardId}/charges`, {
        as: custodian,
        body: { requestId: asked.requestId, [CANARY_CHARGED]: 1, note: 1 },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(refused).toMatchObject({ status: 400, events: [] });
      expect(refused.body.problems).toEqual([
        'a property whose name is not repeated here (not a plain field name) should not exist',
        'property note should not exist',
      ]);
    });
  });

  describe('refusals, each recorded', () => {
    it('refuses anyone but a card custodian who passed the second factor', async () => {
      const asked = await customerAsking('charge');
      const supporter = staff('support');
      expect(await charge(asked, supporter)).toMatchObject({
        status: 403,
        body: { message: 'only a card custodian may use a card' },
        events: [{ type: 'CardUseRefused', data: { staffId: supporter.id, purpose: 'charge' } }],
      });
      const withoutMfa = staff('card-custodian', false);
      expect(await charge(asked, withoutMfa)).toMatchObject({
        status: 403,
        body: { message: MFA_REQUIRED },
        events: [{ type: 'CardUseRefused' }],
      });
      expect(await charge(asked, asked.customer)).toMatchObject({ status: 403, events: [] });
      expect(await requestState(asked)).toBe('open');
    });

    it('lets no one carry out a request they recorded for the customer themselves', async () => {
      const asked = await customerAsking('charge');
      const both = { id: randomUUID(), kind: 'staff' as const, roles: ['support', 'card-custodian'] as const, mfa: true };
      const recorded = await when('POST', `/accounts/${asked.accountId}/card-requests`, {
        as: both,
        body: { kind: 'charge', cardId: asked.cardId, amount: { minorUnits: 999_999, currency: 'EUR' }, channel: 'phone' },
      });
      expect(await charge({ ...asked, requestId: recorded.body.id }, both)).toMatchObject({
        status: 403,
        body: { message: 'you recorded this card request yourself: another card custodian carries it out' },
        events: [{ type: 'CardUseRefused' }],
      });
      expect((await charge({ ...asked, requestId: recorded.body.id }, custodian)).status).toBe(201);
    });

    it('refuses a request of another kind, of another card, of another account, or none', async () => {
      const editRequest = await customerAsking('edit');
      const chargeRequest = await customerAsking('charge');
      const refusals = [
        [editRequest, 'the card request asks to edit a card, not to charge one'],
        [{ ...chargeRequest, cardId: editRequest.cardId, accountId: editRequest.accountId }, 'no such card request for this account'],
        [{ ...chargeRequest, requestId: randomUUID() }, 'no such card request for this account'],
      ] as const;
      for (const [asked, message] of refusals)
        expect(await charge(asked, custodian)).toMatchObject({ status: 403, body: { message }, events: [{ type: 'CardUseRefused' }] });
      const unknownCard = await charge({ ...chargeRequest, cardId: randomUUID() }, custodian);
      expect(unknownCard).toMatchObject({ status: 404, body: { message: 'no such card' }, events: [{ type: 'CardUseRefused' }] });
    });

    it('answers a try on an erased account "not found" and records nothing: no refusal names the account again', async () => {
      const [charging, editing] = [await customerAsking('charge'), await customerAsking('edit')];
      for (const { accountId } of [charging, editing]) await spec.platform.keyring.destroyAccount(accountId);
      const erased = { status: 404, body: { message: 'this account was erased' }, events: [] };
      expect(await charge(charging, custodian)).toMatchObject(erased);
      const edit = { requestId: editing.requestId, expiryYear: 2033 };
      const path = `/accounts/${editing.accountId}/cards/${editing.cardId}`;
      expect(await when('PATCH', path, { as: custodian, body: edit, headers: { 'if-match': '1' } })).toMatchObject(erased);
      expect(await charge(charging, staff('support'))).toMatchObject(erased);
    });
  });

  describe('edits', () => {
    it('applies the edit a customer asked for, naming the request, to the version named; once', async () => {
      const asked = await customerAsking('edit', CANARY_EDITED);
      const edit = (headers: Record<string, string>, body: object = { requestId: asked.requestId, expiryYear: 2032 }) =>
        when('PATCH', `/accounts/${asked.accountId}/cards/${asked.cardId}`, { as: custodian, body, headers });
      expect(await edit({})).toMatchObject({ status: 428, events: [] });
      expect(await edit({ 'if-match': '1' }, { expiryYear: 2032 })).toMatchObject({
        status: 400,
        body: { message: /requestId must be a UUID/ },
      });
      const edited = await edit({ 'if-match': '1' });
      expect(edited).toMatchObject({
        status: 200,
        body: { id: asked.cardId, last4: '8210', expiryYear: 2032, version: 2 },
        events: [
          { type: 'CardChanged', data: { byCustodian: { staffId: custodian.id, requestId: asked.requestId }, fields: ['expiryYear'] } },
          { type: 'CardRequestFulfilled', data: { staffId: custodian.id, requestId: asked.requestId } },
        ],
      });
      expect(Object.keys(edited.body)).not.toContain('number');
      expect(await edit({ 'if-match': '2' })).toMatchObject({ status: 403, body: { message: 'the card request is fulfilled, not open' } });
      expect(await requestState(asked)).toBe('fulfilled');
    });

    it('carries out one edit request once when custodians race, and never by an edit that changes nothing', async () => {
      const asked = await customerAsking('edit');
      const path = `/accounts/${asked.accountId}/cards/${asked.cardId}`;
      const empty = await when('PATCH', path, { as: custodian, body: { requestId: asked.requestId }, headers: { 'if-match': '1' } });
      expect(empty).toMatchObject({ status: 400, body: { message: /changes nothing/ }, events: [] });
      expect(await requestState(asked)).toBe('open');
      const racing = await Promise.all(
        [1, 2, 3, 4].map((version) =>
          when('PATCH', path, {
            as: staff('card-custodian'),
            body: { requestId: asked.requestId, expiryMonth: version },
            headers: { 'if-match': String(version) },
          }),
        ),
      );
      expect(racing.filter((answer) => answer.status === 200)).toHaveLength(1);
      expect((await when('GET', '/accounts/me/cards', { as: asked.customer })).body.cards[0].version).toBe(2);
    });

    it('refuses an edit on a charge request, recorded, and changes nothing', async () => {
      const asked = await customerAsking('charge');
      const refused = await when('PATCH', `/accounts/${asked.accountId}/cards/${asked.cardId}`, {
        as: custodian,
        body: { requestId: asked.requestId, expiryYear: 2033 },
        headers: { 'if-match': '1' },
      });
      expect(refused).toMatchObject({ status: 403, events: [{ type: 'CardUseRefused', data: { purpose: 'edit' } }] });
      expect((await when('GET', '/accounts/me/cards', { as: asked.customer })).body.cards[0].expiryYear).toBe(2030);
    });
  });

  it('gives auditors the access log of a card and of a staff member: every use and every refusal, in order', async () => {
    const asked = await customerAsking('charge');
    const somebody = staff('card-custodian', false);
    await charge(asked, somebody);
    await charge(asked, custodian);
    const ofCard = await when('GET', `/cards/${asked.cardId}/access-log`, { as: auditor });
    expect(ofCard).toMatchObject({
      status: 200,
      body: {
        entries: [
          { staffId: somebody.id, purpose: 'charge', outcome: 'refused', reason: MFA_REQUIRED, requestId: asked.requestId },
          { staffId: custodian.id, purpose: 'charge', outcome: 'used', reason: null, chargeId: expect.any(String) },
        ],
      },
    });
    const ofStaff = await when('GET', `/staff/${somebody.id}/card-access-log`, { as: auditor });
    expect(ofStaff.body.entries).toEqual([ofCard.body.entries[0]]);
    expect((await when('GET', `/cards/${asked.cardId}/access-log`, { as: custodian })).status).toBe(403);
  });
});
