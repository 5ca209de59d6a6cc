import type { RecordedEvent } from '@privacy-ledger/ledger';
import { projectionSpec } from '@privacy-ledger/testing';
import { disclosureListProjection, newestFirstKey } from './disclosure-list.projection';
import type { DisclosureRecorded } from './disclosures.events';

const data = (disclosureId: string, disclosedAt: string, recordedAt = '2026-12-01T10:00:00.000Z'): DisclosureRecorded['data'] => ({
  accountId: 'a1',
  disclosureId,
  legalBasis: 'warrant',
  dataCategories: ['cards'],
  disclosedAt,
  barredFromNotice: true,
  recordedBy: 'po-1',
  recordedAt,
});
const recorded = (type: string, fields: object, personal: Uint8Array | null = new Uint8Array([1, 2, 3])) =>
  ({ type, data: fields, personal, streamId: 'disclosure-d1', eventId: 'event-1' }) as unknown as RecordedEvent;

describe('disclosure list projection', () => {
  it('keeps a disclosure in clear but for its recipient and reference, kept only as the sealed part the event carried', () => {
    const d1 = data('d1', '2026-11-20T00:00:00.000Z');
    projectionSpec(disclosureListProjection)
      .given([recorded('DisclosureRecorded', d1), recorded('LegalHoldPlaced', { accountId: 'a1', holdId: 'h1' })])
      .then({ [newestFirstKey(d1)]: { ...d1, sealed: { sealed: 'AQID', streamId: 'disclosure-d1', eventId: 'event-1' } } });
  });

  it('keys each so that the stores, listing by id, give the newest disclosure first, then the last recorded', () => {
    const keys = [
      data('d1', '1969-07-20T20:17:00.000Z'),
      data('d2', '2026-11-20T00:00:00.000Z', '2026-11-21T00:00:00.000Z'),
      data('d3', '2026-11-20T00:00:00.000Z', '2026-11-22T00:00:00.000Z'),
      data('d4', '9999-12-31T00:00:00.000Z'),
      data('d5', '0001-01-01T00:00:00.000Z'),
    ].map(newestFirstKey);
    expect(new Set(keys.map((key) => key.length)).size).toBe(1);
    expect([...keys].sort().map((key) => key.slice(-2))).toEqual(['d4', 'd3', 'd2', 'd1', 'd5']);
  });
});
