import { randomUUID } from 'node:crypto';
import { contactSubject, PRIMARY_CONTACT_SUBMITTED, primaryContactId } from '@privacy-ledger/contracts';
import { newEvent, START, type JsonObject } from '@privacy-ledger/ledger';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { eventually, linkIn, parseMail } from '@privacy-ledger/testing';
import { ContactsModule } from './contacts.module';

const ALL_ROLES = ['owner', 'billing', 'technical'];
const support = { id: randomUUID(), kind: 'staff', roles: ['support'] } as const;
const billingStaff = { id: randomUUID(), kind: 'staff', roles: ['billing'] } as const;

describe('contacts, specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  const mailsTo = async (address: string) =>
    (await Promise.all(spec.platform.mailed.map((raw) => parseMail(raw)))).filter((m) => m.recipients.includes(address));
  const follow = async (address: string) => {
    const mails = await mailsTo(address);
    const link = linkIn(mails[mails.length - 1]);
    return spec.when('GET', `${link.pathname}${link.search}`);
  };
  const list = async (as: { id: string; kind: 'customer' }) => (await spec.when('GET', '/accounts/me/contacts', { as })).body;

  /** Given identity's hand-over of a signup's contact person in the ledger; resolves once contacts has made its primary contact. */
  async function signedUp(email: string, verified = false) {
    const customer = { id: randomUUID(), kind: 'customer' as const };
    const contactId = primaryContactId(customer.id);
    await spec.given({
      stream: `account-${customer.id}`,
      type: PRIMARY_CONTACT_SUBMITTED,
      data: { accountId: customer.id, contactId, submittedAt: spec.platform.clock.now().toISOString() },
      personal: { subject: contactSubject(contactId, customer.id), value: { name: `Owner ${email}`, email } },
    });
    for (const deadline = performance.now() + 5000; (await list(customer)).contacts?.length !== 1 && performance.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (verified) expect((await follow(email)).status).toBe(200);
    return customer;
  }

  beforeAll(async () => {
    spec = await ServiceSpec.start('contacts', (platform, { verifier }) => ContactsModule.forPlatform(platform, verifier));
  });
  afterAll(() => spec.close());

  it('makes the signup contact the primary contact with every role, counted as working once its e-mail is verified (P4, P5)', async () => {
    const customer = await signedUp('owner@first.example');
    expect(await list(customer)).toMatchObject({
      hasWorkingContact: false,
      contacts: [
        {
          name: 'Owner owner@first.example',
          email: 'owner@first.example',
          roles: ALL_ROLES,
          primary: true,
          emailVerified: false,
          phones: [],
          fax: null,
        },
      ],
    });
    const verified = await follow('owner@first.example');
    expect(verified).toMatchObject({ status: 200, body: { status: 'verified' }, events: [{ type: 'ContactEmailVerified' }] });
    expect((await follow('owner@first.example')).status).toBe(400);
    expect(await list(customer)).toMatchObject({ hasWorkingContact: true, contacts: [{ emailVerified: true }] });
    expect((await spec.when('GET', '/contacts/email-verification?account=x&contact=y')).body.problems).toEqual(
      expect.arrayContaining(['account must be an account id', 'contact must be a contact id']),
    );
  });

  it('adds and edits contacts with up to three phones and a fax in international form, naming every problem of bad input', async () => {
    const customer = await signedUp('owner@second.example');
    const invalid = await spec.when('POST', '/accounts/me/contacts', {
      as: customer,
      body: {
        roles: ['billing', 'janitor'],
        phones: ['+31 20 123 4567', '+31 20 123 4568', '+31 20 123 4569', '+31 20 123 4560'],
        fax: '020 123',
        extra: true,
      },
    });
    expect(invalid).toMatchObject({ status: 400, events: [] });
    expect(invalid.body.problems).toEqual(
      expect.arrayContaining([
        'name is required',
        'email is required',
        'each role must be one of owner, billing, technical',
        'a contact may have at most 3 phone numbers',
        'fax must be a fax number in international form, starting with + and the country code',
        'property extra should not exist',
      ]),
    );
    const bea = {
      name: 'Bea Billing',
      email: 'bea@second.example',
      roles: ['billing'],
      phones: ['+31 20 123 4567', '+1 (202) 555-0143'],
      fax: '+31 20 765 4321',
    };
    const added = await spec.when('POST', '/accounts/me/contacts', { as: customer, body: bea });
    const stored = { name: bea.name, email: bea.email, phones: ['+31201234567', '+12025550143'], fax: '+31207654321' };
    expect(added).toMatchObject({ status: 201, body: { ...stored, roles: ['billing'], emailVerified: false } });
    expect(added.events.map((e) => [e.type, e.personal])).toEqual([
      ['ContactAdded', stored],
      ['ContactEmailVerificationRequested', null],
    ]);
    expect(await mailsTo('bea@second.example')).toHaveLength(1);
    const edited = await spec.when('PATCH', `/accounts/me/contacts/${added.body.id}`, {
      as: customer,
      body: { roles: ['billing', 'technical'], fax: null },
    });
    expect(edited).toMatchObject({ status: 200, body: { roles: ['billing', 'technical'], fax: null, phones: stored.phones } });
    expect(edited.events.map((e) => [e.type, e.data.fields])).toEqual([['ContactChanged', ['fax', 'roles']]]);
    expect((await list(customer)).contacts).toHaveLength(2);
    const nulls = await spec.when('PATCH', `/accounts/me/contacts/${added.body.id}`, {
      as: customer,
      body: { name: null, email: null, roles: null, phones: null },
    });
    expect(nulls).toMatchObject({ status: 400, events: [] });
    expect(nulls.body.problems).toEqual(
      expect.arrayContaining([
        'name must be a string',
        'email must be an e-mail address',
        'roles must be an array',
        'phones must be an array',
      ]),
    );
    expect((await spec.when('PATCH', '/accounts/me/contacts/not-an-id', { as: customer, body: {} })).status).toBe(400);
    expect((await spec.when('DELETE', `/accounts/me/contacts/${randomUUID()}`, { as: customer })).status).toBe(404);
  });

  it('names lone surrogates, control characters and bidirectional overrides in a contact as 400s, never a 500', async () => {
    const customer = await signedUp('owner@text.example');
    const [primary] = (await list(customer)).contacts;
    const contact = { name: 'Cas', email: 'cas@text.example', roles: ['technical'] };
    const wellFormed = (field: string) => `${field} must be well-formed text: it holds a lone UTF-16 surrogate`;
    const refused = (field: string) => `${field} must not contain control or invisible characters, such as bidirectional overrides`;
    for (const [method, path, body, problems] of [
      ['POST', '/accounts/me/contacts', { ...contact, email: 'cas\ud800@text.example' }, [wellFormed('email')]],
      ['POST', '/accounts/me/contacts', { ...contact, name: 'Cas \u202Eevil', email: '\ud800' }, [wellFormed('email'), refused('name')]],
      ['POST', '/accounts/me/contacts', { ...contact, name: 'Cas\u0000' }, [refused('name')]],
      ['PATCH', `/accounts/me/contacts/${primary.id}`, { email: 'owner\udfff@text.example' }, [wellFormed('email')]],
      [
        'PATCH',
        `/accounts/me/contacts/${primary.id}`,
        { email: 'owner\u2069@text.example', name: '\u001b' },
        [refused('name'), refused('email')],
      ],
    ] as const) {
      const answer = await spec.when(method, path, { as: customer, body });
      expect({ body, status: answer.status, problems: answer.body.problems, events: answer.events }).toEqual({
        body,
        status: 400,
        problems: expect.arrayContaining(problems),
        events: [],
      });
    }
  });

  it('never lets the account lose its working contact (P5), not even to two removals racing', async () => {
    const customer = await signedUp('owner@third.example', true);
    const [primary] = (await list(customer)).contacts;
    const changeEmail = await spec.when('PATCH', `/accounts/me/contacts/${primary.id}`, {
      as: customer,
      body: { email: 'new@third.example' },
    });
    expect(changeEmail).toMatchObject({ status: 409, body: { message: expect.stringMatching(/verified e-mail address/) }, events: [] });
    expect((await spec.when('PATCH', `/accounts/me/contacts/${primary.id}`, { as: customer, body: { roles: ['owner'] } })).status).toBe(
      409,
    );
    expect((await spec.when('DELETE', `/accounts/me/contacts/${primary.id}`, { as: customer })).status).toBe(409);

    const second = await spec.when('POST', '/accounts/me/contacts', {
      as: customer,
      body: { name: 'Second Owner', email: 'second@third.example', roles: ALL_ROLES },
    });
    await follow('second@third.example');
    const removals = await Promise.all(
      [primary.id, second.body.id].map((id) => spec.when('DELETE', `/accounts/me/contacts/${id}`, { as: customer })),
    );
    expect(removals.map((r) => r.status).sort()).toEqual([204, 409]);
    expect(await list(customer)).toMatchObject({ hasWorkingContact: true, contacts: [expect.anything()] });
  });

  it('sends a new verification link on request, and only while the address is unverified', async () => {
    const customer = await signedUp('owner@sixth.example');
    const [primary] = (await list(customer)).contacts;
    expect((await spec.when('POST', `/accounts/me/contacts/${primary.id}/email-verification`, { as: customer })).status).toBe(202);
    const mails = await mailsTo('owner@sixth.example');
    expect(mails).toHaveLength(2);
    const stale = linkIn(mails[0]);
    expect((await spec.when('GET', `${stale.pathname}${stale.search}`)).status).toBe(400);
    expect((await follow('owner@sixth.example')).status).toBe(200);
    expect((await spec.when('POST', `/accounts/me/contacts/${primary.id}/email-verification`, { as: customer })).status).toBe(409);
  });

  it('refuses a verification link after 24 hours', async () => {
    const customer = await signedUp('owner@late.example');
    spec.platform.clock.advance(24 * 3600_000);
    expect((await follow('owner@late.example')).body.message).toMatch(/expired/);
    expect((await list(customer)).hasWorkingContact).toBe(false);
  });

  it('tells staff that an erased account was erased (404), where one without contacts lists none', async () => {
    const erased = await signedUp('owner@erased.example');
    await spec.platform.keyring.destroyAccount(erased.id);
    expect(await spec.when('GET', `/accounts/${erased.id}/contacts`, { as: support })).toMatchObject({
      status: 404,
      body: { message: 'this account was erased' },
    });
    expect((await spec.when('GET', `/accounts/${randomUUID()}/contacts`, { as: support })).body).toEqual({
      hasWorkingContact: false,
      contacts: [],
    });
  });

  it('keeps every account to itself, and lets staff in only by role', async () => {
    const [first, other] = [await signedUp('owner@fourth.example'), await signedUp('owner@fifth.example')];
    const [theirs] = (await list(other)).contacts;
    expect((await spec.when('PATCH', `/accounts/me/contacts/${theirs.id}`, { as: first, body: { name: 'Hijacked' } })).status).toBe(404);
    expect((await spec.when('DELETE', `/accounts/me/contacts/${theirs.id}`, { as: first })).status).toBe(404);
    expect((await spec.when('POST', `/accounts/me/contacts/${theirs.id}/email-verification`, { as: first })).status).toBe(404);
    expect((await list(first)).contacts.map((c: { email: string }) => c.email)).toEqual(['owner@fourth.example']);
    expect((await spec.when('GET', `/accounts/${other.id}/contacts`, { as: support })).body.contacts).toHaveLength(1);
    expect((await spec.when('GET', `/accounts/${other.id}/contacts`, { as: billingStaff })).status).toBe(403);
    expect((await spec.when('GET', `/accounts/${other.id}/contacts`, { as: first })).status).toBe(403);
    expect((await spec.when('GET', '/accounts/me/contacts', { as: support })).status).toBe(403);
    for (const [method, path] of [
      ['GET', '/accounts/me/contacts'],
      ['POST', '/accounts/me/contacts'],
      ['PATCH', `/accounts/me/contacts/${theirs.id}`],
      ['DELETE', `/accounts/me/contacts/${theirs.id}`],
      ['POST', `/accounts/me/contacts/${theirs.id}/email-verification`],
      ['GET', `/accounts/${other.id}/contacts`],
    ]) {
      expect({ method, path, status: (await spec.when(method, path)).status }).toEqual({ method, path, status: 401 });
    }
  });

  it('removes a contact completely: its key destroyed, its read-model entry gone, its history unreadable (P6)', async () => {
    const customer = await signedUp('owner@seventh.example');
    const doomed = await spec.when('POST', '/accounts/me/contacts', {
      as: customer,
      body: { name: 'Doomed', email: 'doomed@seventh.example', roles: ['technical'] },
    });
    const removed = await spec.when('DELETE', `/accounts/me/contacts/${doomed.body.id}`, { as: customer });
    expect(removed).toMatchObject({
      status: 204,
      events: [{ type: 'ContactRemoved', data: { contactId: doomed.body.id }, personal: null }],
    });
    expect(await spec.platform.readModels.get('contacts', doomed.body.id)).toBeNull();
    const history = (await spec.eventsAfter(START)).filter((e) => e.data.contactId === doomed.body.id && e.personal !== null);
    expect(history.map((e) => [e.type, e.personal])).toEqual([['ContactAdded', 'shredded']]);
    expect((await list(customer)).contacts.map((c: { name: string }) => c.name)).toEqual(['Owner owner@seventh.example']);
    expect((await spec.when('PATCH', `/accounts/me/contacts/${doomed.body.id}`, { as: customer, body: { name: 'Back' } })).status).toBe(
      404,
    );
  });

  it("never serves a contact whose read-model row carries a sealed part moved in from another customer's row", async () => {
    const [bea, cal] = [await signedUp('bea@moved.example'), await signedUp('cal@moved.example')];
    const rowOf = async (account: { id: string }) =>
      (await spec.platform.readModels.list<JsonObject>('contacts', { where: { accountId: account.id } }))[0];
    const [beaRow, calRow] = [await rowOf(bea), await rowOf(cal)];
    // Written as someone with access to the read-model store would: under a projection name of their own.
    await spec.platform.readModels.applyBatch('tampering', START, 1, (readModel) =>
      readModel.put('contacts', String(calRow.contactId), { ...calRow, sealed: beaRow.sealed }, Number.MAX_SAFE_INTEGER),
    );
    const served = await spec.when('GET', '/accounts/me/contacts', { as: cal });
    expect(served.status).toBe(500);
    expect(JSON.stringify(served.body)).not.toContain('bea@moved');
  });

  it('answers /health with 503 "degraded" while a reactor is stuck on an event, naming the event by id and position', async () => {
    const stuck = await ServiceSpec.start('contacts', (platform, { verifier }) => ContactsModule.forPlatform(platform, verifier));
    try {
      const accountId = randomUUID();
      const contactId = primaryContactId(accountId);
      const sealed = await stuck.platform.keyring.encrypt(
        contactSubject(contactId, accountId),
        { name: 'Moved', email: 'moved@x.example' },
        {
          streamId: 'account-elsewhere',
          eventId: randomUUID(),
        },
      );
      const misplaced = newEvent(
        {
          type: PRIMARY_CONTACT_SUBMITTED,
          data: { accountId, contactId, submittedAt: stuck.platform.clock.now().toISOString() },
          personal: sealed,
        },
        { correlationId: 'spec', causationId: null, actor: 'spec', occurredAt: stuck.platform.clock.now().toISOString() },
      );
      await stuck.platform.events.append(`account-${accountId}`, [misplaced], { expectedRevision: 'no_stream' });
      const health = await eventually(
        () => stuck.when('GET', '/health'),
        (response) => response.status === 503,
      );
      expect(health.body).toMatchObject({ status: 'degraded', service: 'contacts' });
      expect((await stuck.when('GET', '/health/live')).status).toBe(200);
      expect(health.body.runners).toContainEqual(
        expect.objectContaining({ fault: expect.objectContaining({ error: 'EventFailedError', eventId: misplaced.eventId, position: 1 }) }),
      );
    } finally {
      await stuck.close();
    }
  });
});
