import { randomUUID } from 'node:crypto';
import { STEP_UP_REQUIRED } from '@privacy-ledger/auth';
import { contactSubject, PRIMARY_CONTACT_SUBMITTED, primaryContactId } from '@privacy-ledger/contracts';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { eventually, findCanariesInText } from '@privacy-ledger/testing';
import { ContactsModule } from '../contacts.module';

/** What the customer entered for their contacts: every value must come back in their export. */
const canary = {
  ownerName: 'Ottoline Canarybridge',
  ownerEmail: 'ottoline.cb4410@canary.example',
  techName: 'Tybalt Quernstone',
  techEmail: 'tybalt.qs2271@canary.example',
  techPhone: '+31206660144',
  techFax: '+31206660145',
};
const CANARIES = Object.values(canary);
/** A contact the customer removes: nothing of it may come back. */
const removed = { name: 'Removedname Glasswing', email: 'glasswing.rm9902@canary.example', roles: ['billing'] };
const staff = (role: 'privacy-officer' | 'support' | 'auditor') => ({ id: randomUUID(), kind: 'staff' as const, roles: [role] });
const customer = () => ({ id: randomUUID(), kind: 'customer' as const, steppedUp: true });

describe('contacts personal data (P15), specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;

  /** Identity's hand-over of the signup's contact person, in the ledger; resolves once contacts has made it the primary contact. */
  async function signedUp(name: string, email: string) {
    const signedUpCustomer = customer();
    const accountId = signedUpCustomer.id;
    const contactId = primaryContactId(accountId);
    await spec.given({
      stream: `account-${accountId}`,
      type: PRIMARY_CONTACT_SUBMITTED,
      data: { accountId, contactId, submittedAt: spec.platform.clock.now().toISOString() },
      personal: { subject: contactSubject(contactId, accountId), value: { name, email } },
    });
    const list = () => spec.when('GET', '/accounts/me/contacts', { as: signedUpCustomer });
    await eventually(list, (listed) => listed.body.contacts?.length === 1);
    return signedUpCustomer;
  }
  const exportOf = (accountId: string) => spec.when('GET', `/accounts/${accountId}/personal-data`, { as: staff('privacy-officer') });

  beforeAll(async () => {
    spec = await ServiceSpec.start('contacts', (platform, { verifier }) => ContactsModule.forPlatform(platform, verifier));
  });
  afterAll(() => spec.close());

  it('gives the customer, after a step-up, every contact they had, opened, and the removed one only as shredded records', async () => {
    const ada = await signedUp(canary.ownerName, canary.ownerEmail);
    const tech = { name: canary.techName, email: canary.techEmail, roles: ['technical'], phones: [canary.techPhone], fax: canary.techFax };
    expect((await spec.when('POST', '/accounts/me/contacts', { as: ada, body: tech })).status).toBe(201);
    const doomed = await spec.when('POST', '/accounts/me/contacts', { as: ada, body: removed });
    expect((await spec.when('DELETE', `/accounts/me/contacts/${doomed.body.id}`, { as: ada })).status).toBe(204);

    const exported = await spec.when('GET', '/accounts/me/personal-data', { as: ada });
    expect(exported).toMatchObject({ status: 200, body: { service: 'contacts', accountId: ada.id, erased: false }, events: [] });
    expect(findCanariesInText(JSON.stringify(exported.body), CANARIES)).toEqual(CANARIES);
    expect(findCanariesInText(JSON.stringify(exported.body), [removed.name, removed.email])).toEqual([]);
    const records = exported.body.records as { type: string; data: { contactId: string } }[];
    expect(records.map((record) => record.type)).toEqual([
      PRIMARY_CONTACT_SUBMITTED,
      'ContactAdded',
      'ContactEmailVerificationRequested',
      'ContactAdded',
      'ContactEmailVerificationRequested',
      'ContactAdded',
      'ContactEmailVerificationRequested',
      'ContactRemoved',
    ]);
    expect(records[0]).toMatchObject({ stream: `account-${ada.id}`, personal: { name: canary.ownerName, email: canary.ownerEmail } });
    expect(records.filter((record) => record.data.contactId === doomed.body.id)).toEqual([
      expect.objectContaining({ type: 'ContactAdded', shredded: true }),
      expect.objectContaining({ type: 'ContactEmailVerificationRequested', personal: null }),
      expect.objectContaining({ type: 'ContactRemoved', personal: null }),
    ]);
  });

  it('answers an account without contacts with no records, not a 404', async () => {
    const nobody = randomUUID();
    expect(await exportOf(nobody)).toMatchObject({
      status: 200,
      body: { service: 'contacts', accountId: nobody, erased: false, records: [] },
    });
  });

  it('gives the privacy officer any account; no one else, and nothing without a token or a step-up', async () => {
    const bob = await signedUp('Bob Owner', 'bob.owner@example.test');
    expect((await exportOf(bob.id)).body.records).toHaveLength(3);
    for (const role of ['support', 'auditor'] as const)
      expect((await spec.when('GET', `/accounts/${bob.id}/personal-data`, { as: staff(role) })).status).toBe(403);
    expect((await spec.when('GET', `/accounts/${bob.id}/personal-data`, { as: customer() })).status).toBe(403);
    expect((await spec.when('GET', '/accounts/me/personal-data')).status).toBe(401);
    expect(await spec.when('GET', '/accounts/me/personal-data', { as: { ...bob, steppedUp: false } })).toMatchObject({
      status: 403,
      body: { message: STEP_UP_REQUIRED },
    });
    expect((await spec.when('GET', '/accounts/x/personal-data', { as: staff('privacy-officer') })).status).toBe(400);
  });

  it('says erased, with no personal value, once the account keys are destroyed', async () => {
    const erased = { name: 'Erasedowner Fernhollow', email: 'fernhollow.er3381@canary.example' };
    const cal = await signedUp(erased.name, erased.email);
    await spec.platform.keyring.destroyAccount(cal.id);
    const exported = await exportOf(cal.id);
    expect(exported).toMatchObject({ status: 200, body: { erased: true } });
    expect(exported.body.records.filter((record: object) => 'personal' in record && record.personal !== null)).toEqual([]);
    expect(findCanariesInText(JSON.stringify(exported.body), Object.values(erased))).toEqual([]);
  });
});
