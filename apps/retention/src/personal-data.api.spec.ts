import { randomUUID } from 'node:crypto';
import { ConsoleLogger } from '@nestjs/common';
import { START } from '@privacy-ledger/ledger';
import type { ServiceSpec } from '@privacy-ledger/runtime';
import { findCanariesInText } from '@privacy-ledger/testing';
import { DISCLOSURES } from './disclosures/disclosure-list.projection';
import { LEGAL_HOLDS } from './legal-holds/legal-hold-list.projection';
import { staffWith, startRetentionSpec } from './retention.spec-service';

/** Written into every personal field of holds and disclosures: none may show outside a sealed part, or an answer that opens one. */
const CANARIES = [
  'Canary-Case-5b1e/2026',
  'canary reason: Ada Lovelace owes 12,000',
  'canary lifting: settled with Ada',
  'Canary Recipient, Hoogstraat 7',
  'Canary-Warrant-0042',
];
const [reference, reason, liftReason, recipient, warrant] = CANARIES;

describe('the personal data of holds and disclosures stays sealed (P2, P13): a canary scan', () => {
  let spec: ServiceSpec;
  const officer = staffWith('privacy-officer');
  const auditor = staffWith('auditor');
  /** Every call to any logger of the service, whatever levels the specification prints, and every byte written to stdout and stderr. */
  const logSpies = (['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] as const).map((level) =>
    jest.spyOn(ConsoleLogger.prototype, level),
  );
  const outputSpies = [jest.spyOn(process.stdout, 'write'), jest.spyOn(process.stderr, 'write')];
  /** Every answer that is not meant to open personal data: errors, and what a write answers but for its own input. */
  const refusals: string[] = [];

  beforeAll(async () => {
    spec = await startRetentionSpec();
  });
  afterAll(async () => {
    await spec.close();
    [...logSpies, ...outputSpies].forEach((spy) => spy.mockRestore());
  });

  it('writes the canaries into holds and disclosures, read back opened only for the privacy officer and the auditor', async () => {
    const accountId = randomUUID();
    const holds = `/accounts/${accountId}/legal-holds`;
    const placed = await spec.when('POST', holds, { as: officer, body: { kind: 'accounting-irregularity', reference, reason } });
    expect(placed.status).toBe(201);
    const lifting = `${holds}/${placed.body.holdId}/lifting`;
    expect((await spec.when('POST', lifting, { as: officer, body: { reason: liftReason } })).status).toBe(200);
    const disclosure = {
      recipient,
      legalBasis: 'warrant',
      reference: warrant,
      dataCategories: ['identity'],
      disclosedAt: '2026-11-01',
      barredFromNotice: true,
    };
    expect((await spec.when('POST', `/accounts/${accountId}/disclosures`, { as: officer, body: disclosure })).status).toBe(201);

    for (const refused of [
      await spec.when('POST', lifting, { as: officer, body: { reason: liftReason } }),
      await spec.when('POST', `${holds}/${randomUUID()}/lifting`, { as: officer, body: { reason: liftReason } }),
      await spec.when('POST', holds, { as: auditor, body: { kind: 'court-order', reference, reason } }),
      await spec.when('POST', holds, { as: officer, body: { kind: reference, reference: reason, reason: [liftReason] } }),
      await spec.when('POST', `/accounts/${accountId}/disclosures`, { as: officer, body: { ...disclosure, disclosedAt: recipient } }),
      await spec.when('POST', `/accounts/${accountId}/disclosures`, { as: officer, body: { ...disclosure, disclosedAt: '2027-01-01' } }),
    ]) {
      expect(refused.status).toBeGreaterThanOrEqual(400);
      refusals.push(JSON.stringify(refused.body));
    }

    const listedHolds = JSON.stringify((await spec.when('GET', holds, { as: auditor })).body);
    const listedDisclosures = JSON.stringify((await spec.when('GET', '/disclosures', { as: auditor })).body);
    expect(findCanariesInText(listedHolds + listedDisclosures, CANARIES)).toEqual(CANARIES);
  });

  it('leaves no canary in any refusal, in any event’s clear data, in any read-model document or in any log line', async () => {
    expect(findCanariesInText(refusals.join('\n'), CANARIES)).toEqual([]);

    const stored = await spec.platform.events.readAll({ after: START, maxCount: 100_000 });
    const plain = stored.map(({ type, data, metadata }) => JSON.stringify({ type, data, metadata })).join('\n');
    const sealed = Buffer.concat(stored.flatMap(({ personal }) => (personal ? [Buffer.from(personal)] : [])));
    expect(stored.map(({ type }) => type)).toEqual(['LegalHoldPlaced', 'LegalHoldLifted', 'DisclosureRecorded']);
    expect(findCanariesInText(plain, CANARIES)).toEqual([]);
    expect(findCanariesInText(sealed, CANARIES)).toEqual([]);

    const documents = JSON.stringify([
      await spec.platform.readModels.list(LEGAL_HOLDS, { limit: 1000 }),
      await spec.platform.readModels.list(DISCLOSURES, { limit: 1000 }),
    ]);
    expect(documents).toContain('"sealed":');
    expect(findCanariesInText(documents, CANARIES)).toEqual([]);

    const logged = JSON.stringify([...logSpies, ...outputSpies].flatMap((spy) => spy.mock.calls));
    expect(logged).toContain('"route":"/accounts/:accountId/disclosures"');
    expect(logged).toContain('"route":"/accounts/:accountId/legal-holds/:holdId/lifting"');
    expect(findCanariesInText(logged, CANARIES)).toEqual([]);
  });
});
