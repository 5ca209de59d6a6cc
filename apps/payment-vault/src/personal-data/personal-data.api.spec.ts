import { randomUUID } from 'node:crypto';
import { STEP_UP_REQUIRED } from '@privacy-ledger/auth';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { findCanariesInText } from '@privacy-ledger/testing';
import { startVaultSpec } from '../payment-vault.spec-service';

/** Valid test cards whose numbers must never be in an export, not even the customer's own. */
const CANARY_NUMBER = '4000056655665556';
const CANARY_EDITED = '5200828282828210';
const CANARY_DELETED = '5105105105105100';
const NUMBERS = [CANARY_NUMBER, CANARY_EDITED, CANARY_DELETED];
/** A number as some systems show it, the first six and the last four digits: no export may hold it either. */
const firstSixLastFour = (number: string) => new RegExp(`${number.slice(0, 6)}\\D{0,12}${number.slice(-4)}`);
/** What the customer entered besides the number: it must come back in their export. */
const HOLDER = 'Ada Canaryholder';
const card = (number: string) => ({ number, expiryMonth: 12, expiryYear: 2030, holderName: HOLDER });
const staff = (role: 'privacy-officer' | 'support' | 'auditor' | 'card-custodian') => ({
  id: randomUUID(),
  kind: 'staff' as const,
  roles: [role],
  mfa: true,
});
const customer = () => ({ id: randomUUID(), kind: 'customer' as const, steppedUp: true });

describe('payment vault personal data (P15), specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  /** Every answer of this specification, scanned for the card numbers at its end. */
  const answers: string[] = [];
  const when = async (...call: Parameters<ServiceSpec['when']>) => {
    const answer = await spec.when(...call);
    answers.push(JSON.stringify(answer.body));
    return answer;
  };
  const exportOf = (accountId: string) => when('GET', `/accounts/${accountId}/personal-data`, { as: staff('privacy-officer') });
  const ask = async (as: object, kind: string, cardId: string, amount?: object) =>
    (await when('POST', '/accounts/me/card-requests', { as: as as never, body: { kind, cardId, amount } })).body.id as string;
  const tryToCharge = (accountId: string, cardId: string, requestId: string, as: object) =>
    when('POST', `/accounts/${accountId}/cards/${cardId}/charges`, {
      as: as as never,
      body: { requestId },
      headers: { 'idempotency-key': randomUUID() },
    });

  beforeAll(async () => {
    spec = await startVaultSpec();
  });
  afterAll(async () => {
    await spec.close();
    expect(answers.filter((answer) => NUMBERS.some((number) => firstSixLastFour(number).test(answer)))).toEqual([]);
  });

  it('gives the customer, after a step-up, their cards masked, requests, charges and every staff use; never a full number', async () => {
    const [ada, bob] = [customer(), customer()];
    const [custodian, editor, support] = [staff('card-custodian'), staff('card-custodian'), staff('support')];
    const added = (await when('POST', '/accounts/me/cards', { as: ada, body: card(CANARY_NUMBER) })).body;
    const deleted = (await when('POST', '/accounts/me/cards', { as: ada, body: card(CANARY_DELETED) })).body;
    expect((await when('DELETE', `/accounts/me/cards/${deleted.id}`, { as: ada })).status).toBe(204);
    const charge = await ask(ada, 'charge', added.id, { minorUnits: 1250, currency: 'EUR' });
    expect((await tryToCharge(ada.id, added.id, charge, support)).status).toBe(403);
    expect((await tryToCharge(ada.id, added.id, charge, custodian)).status).toBe(201);
    const edit = await ask(ada, 'edit', added.id);
    const edited = await when('PATCH', `/accounts/${ada.id}/cards/${added.id}`, {
      as: editor,
      headers: { 'if-match': '1' },
      body: { requestId: edit, number: CANARY_EDITED },
    });
    expect(edited.status).toBe(200);
    // Another customer's refused try in the same staff member's log is not Ada's.
    const bobsCard = (await when('POST', '/accounts/me/cards', { as: bob, body: card('4111111111111111') })).body;
    expect(
      (await tryToCharge(bob.id, bobsCard.id, await ask(bob, 'charge', bobsCard.id, { minorUnits: 1, currency: 'EUR' }), support)).status,
    ).toBe(403);

    const exported = await when('GET', '/accounts/me/personal-data', { as: ada });
    expect(exported).toMatchObject({ status: 200, body: { service: 'payment-vault', accountId: ada.id, erased: false }, events: [] });
    const text = JSON.stringify(exported.body);
    expect(findCanariesInText(text, [HOLDER, bob.id])).toEqual([HOLDER]);
    expect(NUMBERS.filter((number) => firstSixLastFour(number).test(text))).toEqual([]);
    const records = exported.body.records as { type: string; stream: string; personal?: object; shredded?: true; withheld?: string[] }[];
    expect(records.map((record) => record.type)).toEqual([
      'CardAdded',
      'CardAdded',
      'CardDeleted',
      'CardRequestOpened',
      'CardUseRefused',
      'CardChargeStarted',
      'CardChargeSettled',
      'CardRequestOpened',
      'CardChanged',
      'CardRequestFulfilled',
    ]);
    expect(records[0]).toMatchObject({
      personal: { brand: 'visa', last4: '5556', expiryMonth: 12, expiryYear: 2030, holderName: HOLDER },
      withheld: ['number'],
    });
    expect(records[1]).toMatchObject({ shredded: true });
    expect(records[4]).toMatchObject({ stream: `staff-card-use-refusals-${support.id}`, personal: null });
    expect(records[8]).toMatchObject({ personal: { brand: 'mastercard', last4: '8210' }, withheld: ['number'] });
    expect(records.filter((record) => record.personal && 'number' in record.personal)).toEqual([]);
  });

  it('answers an account without cards with no records', async () => {
    const nobody = randomUUID();
    expect(await exportOf(nobody)).toMatchObject({ status: 200, body: { accountId: nobody, erased: false, records: [] } });
  });

  it('gives the privacy officer any account; no one else, and nothing without a token or a step-up', async () => {
    const cal = customer();
    await when('POST', '/accounts/me/cards', { as: cal, body: card('378282246310005') });
    expect((await exportOf(cal.id)).body.records).toHaveLength(1);
    for (const role of ['support', 'auditor', 'card-custodian'] as const)
      expect((await when('GET', `/accounts/${cal.id}/personal-data`, { as: staff(role) })).status).toBe(403);
    expect((await when('GET', `/accounts/${cal.id}/personal-data`, { as: customer() })).status).toBe(403);
    expect((await when('GET', '/accounts/me/personal-data')).status).toBe(401);
    expect(await when('GET', '/accounts/me/personal-data', { as: { ...cal, steppedUp: false } })).toMatchObject({
      status: 403,
      body: { message: STEP_UP_REQUIRED },
    });
  });

  it('says erased, with not even the masked card, once the account keys are destroyed', async () => {
    const dan = customer();
    await when('POST', '/accounts/me/cards', { as: dan, body: card('6011111111111117') });
    await spec.platform.keyring.destroyAccount(dan.id);
    const exported = await exportOf(dan.id);
    expect(exported).toMatchObject({ status: 200, body: { erased: true, records: [{ type: 'CardAdded', shredded: true }] } });
    expect(exported.body.records.filter((record: object) => 'personal' in record)).toEqual([]);
    expect(findCanariesInText(JSON.stringify(exported.body), [HOLDER])).toEqual([]);
  });
});
