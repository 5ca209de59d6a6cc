import { randomUUID } from 'node:crypto';
import type { ServiceSpec } from '@privacy-ledger/runtime';
import { staffWith, startRetentionSpec } from '../retention.spec-service';

describe('the disclosure register (P13), specified over HTTP on in-memory ports', () => {
  let spec: ServiceSpec;
  beforeAll(async () => {
    spec = await startRetentionSpec();
  });
  afterAll(() => spec.close());

  const [officer, auditor, support] = [staffWith('privacy-officer'), staffWith('auditor'), staffWith('support')];
  const customer = (id = randomUUID()) => ({ id, kind: 'customer' as const });
  const disclosure = {
    recipient: 'District Court of Utrecht',
    legalBasis: 'court-order',
    reference: 'Order 2026/123',
    dataCategories: ['identity', 'billing-details'],
    disclosedAt: '2026-11-20',
    barredFromNotice: false,
  };
  const record = (accountId: string, body: object = {}) =>
    spec.when('POST', `/accounts/${accountId}/disclosures`, { as: officer, body: { ...disclosure, ...body } });
  const later = () => spec.platform.clock.advance(1000);

  it('records a disclosure: 201 with it; basis, categories and dates in clear, recipient and reference sealed', async () => {
    const accountId = randomUUID();
    const recorded = await record(accountId);
    const recordedAt = spec.platform.clock.now().toISOString();
    expect(recorded).toMatchObject({
      status: 201,
      body: {
        disclosureId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        accountId,
        ...disclosure,
        disclosedAt: '2026-11-20T00:00:00.000Z',
        recordedBy: officer.id,
        recordedAt,
        shredded: false,
      },
      events: [
        {
          stream: `disclosure-${recorded.body.disclosureId}`,
          type: 'DisclosureRecorded',
          data: {
            accountId,
            disclosureId: recorded.body.disclosureId,
            legalBasis: 'court-order',
            dataCategories: ['identity', 'billing-details'],
            disclosedAt: '2026-11-20T00:00:00.000Z',
            barredFromNotice: false,
            recordedBy: officer.id,
            recordedAt,
          },
          personal: { recipient: 'District Court of Utrecht', reference: 'Order 2026/123' },
        },
      ],
    });
    expect(Object.keys(recorded.events[0].data)).not.toEqual(expect.arrayContaining(['recipient']));
    expect((await record(accountId, { disclosedAt: '2026-11-22T23:30:00-02:00' })).body.disclosedAt).toBe('2026-11-23T01:30:00.000Z');
  });

  it('shows the customer their own disclosures, never one barred from notice; staff see them all', async () => {
    const ada = customer();
    later();
    const told = (await record(ada.id, { legalBasis: 'consent', recipient: 'Acme Backup BV', reference: 'consent of 2026-11-01' })).body;
    later();
    const barred = (await record(ada.id, { legalBasis: 'warrant', barredFromNotice: true, disclosedAt: '2026-11-21' })).body;
    await record(randomUUID());
    const mine = await spec.when('GET', '/accounts/me/disclosures', { as: ada });
    expect(mine).toMatchObject({ status: 200, body: { limit: 50, offset: 0 } });
    expect(mine.body.disclosures).toEqual([
      {
        disclosureId: told.disclosureId,
        recipient: 'Acme Backup BV',
        reference: 'consent of 2026-11-01',
        legalBasis: 'consent',
        dataCategories: ['identity', 'billing-details'],
        disclosedAt: '2026-11-20T00:00:00.000Z',
      },
    ]);
    expect(JSON.stringify(mine.body)).not.toContain(barred.disclosureId);
    for (const as of [officer, auditor]) {
      const listed = await spec.when('GET', `/accounts/${ada.id}/disclosures`, { as });
      expect(listed.body.disclosures).toEqual([barred, told]);
    }
  });

  it('lets the auditor read the whole register, newest disclosure first, page by page', async () => {
    for (const disclosedAt of ['2026-01-05', '2026-03-01T12:00:00Z', '2025-12-31']) {
      later();
      await record(randomUUID(), { disclosedAt });
    }
    const all = (await spec.when('GET', '/disclosures?limit=100', { as: auditor })).body.disclosures;
    expect(all.length).toBeGreaterThanOrEqual(6);
    const order = all.map((d: any) => [d.disclosedAt, d.recordedAt]);
    expect(order).toEqual([...order].sort(([a1, a2]: string[], [b1, b2]: string[]) => b1.localeCompare(a1) || b2.localeCompare(a2)));
    const first = await spec.when('GET', '/disclosures?limit=2', { as: auditor });
    const rest = await spec.when('GET', '/disclosures?limit=100&offset=2', { as: officer });
    expect(first.body).toEqual({ disclosures: all.slice(0, 2), limit: 2, offset: 0 });
    expect(rest.body).toEqual({ disclosures: all.slice(2), limit: 100, offset: 2 });
    expect(all.at(-1).disclosedAt).toBe('2025-12-31T00:00:00.000Z');
  });

  it('lets only the privacy officer record, staff who may read the register read it, and each customer their own', async () => {
    const accountId = randomUUID();
    for (const as of [customer(accountId), support, auditor])
      expect(await spec.when('POST', `/accounts/${accountId}/disclosures`, { as, body: disclosure })).toMatchObject({
        status: 403,
        events: [],
      });
    for (const as of [customer(accountId), support]) {
      expect((await spec.when('GET', '/disclosures', { as })).status).toBe(403);
      expect((await spec.when('GET', `/accounts/${accountId}/disclosures`, { as })).status).toBe(403);
    }
    for (const as of [officer, auditor, support]) expect((await spec.when('GET', '/accounts/me/disclosures', { as })).status).toBe(403);
    expect((await spec.when('POST', `/accounts/${accountId}/disclosures`, { body: disclosure })).status).toBe(401);
    for (const path of ['/disclosures', `/accounts/${accountId}/disclosures`, '/accounts/me/disclosures'])
      expect((await spec.when('GET', path)).status).toBe(401);
  });

  it('names every problem of bad input with a 400, and stores nothing', async () => {
    const accountId = randomUUID();
    const bad = await record(accountId, {
      recipient: '',
      legalBasis: 'gossip',
      reference: 5,
      dataCategories: [],
      disclosedAt: '2026-W47',
      barredFromNotice: 'no',
    });
    expect(bad).toMatchObject({ status: 400, events: [] });
    expect(bad.body.problems).toEqual(
      expect.arrayContaining([
        'recipient must not be empty',
        'legalBasis must be one of consent, court-order, warrant, legal-obligation',
        'reference must be text',
        'dataCategories must name at least one category of data',
        'disclosedAt must be an ISO 8601 date, e.g. 2026-11-20, or a date and time with its offset, e.g. 2026-11-20T14:30:00Z',
        'barredFromNotice must be true or false',
      ]),
    );
    expect((await record(accountId, { dataCategories: ['cards', 'dna', 'cards'], disclosedAt: '2026-02-30' })).body.problems).toEqual([
      'each of dataCategories must be one of identity, contact-details, billing-details, cards, session-records, contact-persons',
      'dataCategories must not repeat a category',
      'disclosedAt must be an ISO 8601 date, e.g. 2026-11-20, or a date and time with its offset, e.g. 2026-11-20T14:30:00Z',
    ]);
    expect(await record(accountId, { disclosedAt: '2026-11-24', legalBasis: 'consent', barredFromNotice: true })).toMatchObject({
      status: 400,
      body: {
        message: 'disclosedAt must not be in the future; a disclosure made with the customer’s consent cannot be barred from notice',
      },
      events: [],
    });
    expect((await record('me')).body.message).toBe('accountId must be an id (a UUID)');
    expect((await spec.when('GET', '/disclosures?limit=0&offset=-1&page=2', { as: auditor })).body.problems).toEqual([
      'property page should not exist',
      'limit must be a whole number from 1 to 100',
      'offset must be a whole number from 0 to 1000000',
    ]);
    for (const query of ['limit=abc', 'limit=101', 'limit=1.5', 'offset=1e308', 'limit=1&limit=2'])
      expect((await spec.when('GET', `/disclosures?${query}`, { as: auditor })).status).toBe(400);
  });

  it('keeps a shredded disclosure in the register: that it happened, its basis, categories and date', async () => {
    const accountId = randomUUID();
    const { disclosureId } = (await record(accountId, { legalBasis: 'warrant' })).body;
    await spec.platform.keyring.destroyAccount(accountId);
    expect((await spec.when('GET', `/accounts/${accountId}/disclosures`, { as: auditor })).body.disclosures).toEqual([
      expect.objectContaining({
        disclosureId,
        legalBasis: 'warrant',
        dataCategories: ['identity', 'billing-details'],
        disclosedAt: '2026-11-20T00:00:00.000Z',
        recipient: null,
        reference: null,
        shredded: true,
      }),
    ]);
    expect(await record(accountId)).toMatchObject({ status: 409, events: [] });
  });
});
