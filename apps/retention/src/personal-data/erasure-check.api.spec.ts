import { randomUUID } from 'node:crypto';
import { erasureConfirmationStream, type AccountErasureConfirmedData } from '@privacy-ledger/contracts';
import type { ServiceSpec } from '@privacy-ledger/runtime';
import { eventually } from '@privacy-ledger/testing';
import { staffWith, startRetentionSpec } from '../retention.spec-service';

/** What an auditor's re-check of a certificate counts on retention: its legal holds and disclosures too, whose texts it sealed. */
describe("retention's part of an erasure check, specified over HTTP on in-memory ports", () => {
  let spec: ServiceSpec;
  const [officer, auditor] = [staffWith('privacy-officer'), staffWith('auditor')];
  beforeAll(async () => {
    spec = await startRetentionSpec();
  });
  afterAll(() => spec.close());

  const check = (accountId: string, subjectIds: string[]) =>
    spec.when('POST', `/accounts/${accountId}/erasure-check`, { as: auditor, body: { subjectIds } });

  it('counts the sealed parts of holds and disclosures: open before the erasure, shredded after, their keys gone', async () => {
    const customer = { id: randomUUID(), kind: 'customer' as const, steppedUp: true };
    const holds = `/accounts/${customer.id}/legal-holds`;
    const placed = await spec.when('POST', holds, { as: officer, body: { kind: 'court-order', reference: 'ref', reason: 'why' } });
    expect((await spec.when('POST', `${holds}/${placed.body.holdId}/lifting`, { as: officer, body: { reason: 'done' } })).status).toBe(200);
    const disclosure = { recipient: 'r', legalBasis: 'warrant', reference: 'w', dataCategories: ['identity'], disclosedAt: '2026-11-01' };
    const disclosed = await spec.when('POST', `/accounts/${customer.id}/disclosures`, {
      as: officer,
      body: { ...disclosure, barredFromNotice: true },
    });
    expect(disclosed.status).toBe(201);
    // Named by no certificate, the account's keys are found all the same.
    expect((await check(customer.id, [])).body).toMatchObject({
      liveKeys: [`disclosure-${disclosed.body.disclosureId}`, `legal-hold-${placed.body.holdId}`],
      events: 3,
      sealedParts: 3,
      openedParts: 3,
      shreddedParts: 0,
    });

    expect((await spec.when('POST', '/accounts/me/closure', { as: customer, body: { removeNow: true } })).status).toBe(202);
    const [confirmation] = await eventually(
      () => spec.platform.events.readStream(erasureConfirmationStream('retention', customer.id)),
      (events) => events.length > 0,
    );
    const destroyed = (confirmation.data as unknown as AccountErasureConfirmedData).destroyedKeys.map((key) => key.subjectId);
    expect(destroyed).toEqual(expect.arrayContaining([`legal-hold-${placed.body.holdId}`, `disclosure-${disclosed.body.disclosureId}`]));
    expect(await check(customer.id, destroyed)).toMatchObject({
      status: 200,
      body: { service: 'retention', liveKeys: [], events: 6, sealedParts: 3, openedParts: 0, shreddedParts: 3 },
    });
  });

  it('counts nothing for an id retention never heard of', async () => {
    expect((await check(randomUUID(), [])).body).toMatchObject({ events: 0, sealedParts: 0, openedParts: 0 });
  });
});
