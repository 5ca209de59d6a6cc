import { deciderSpec } from '@privacy-ledger/testing';
import { disclosureDecider, type DisclosureCommand } from './disclosures.decider';
import type { DisclosureEvent } from './disclosures.events';

const spec = deciderSpec(disclosureDecider);
const accountId = 'acc-1';
const at = '2026-12-01T10:00:00.000Z';
const record = (overrides: Partial<DisclosureCommand> = {}): DisclosureCommand => ({
  type: 'RecordDisclosure',
  accountId,
  disclosureId: 'd1',
  recipient: 'District Court of Utrecht',
  legalBasis: 'court-order',
  reference: 'Order 2026/123',
  dataCategories: ['identity', 'billing-details'],
  disclosedAt: '2026-11-30T00:00:00.000Z',
  barredFromNotice: true,
  recordedBy: 'po-1',
  at,
  ...overrides,
});
const recorded: DisclosureEvent = {
  type: 'DisclosureRecorded',
  data: {
    accountId,
    disclosureId: 'd1',
    legalBasis: 'court-order',
    dataCategories: ['identity', 'billing-details'],
    disclosedAt: '2026-11-30T00:00:00.000Z',
    barredFromNotice: true,
    recordedBy: 'po-1',
    recordedAt: at,
  },
  personal: { recipient: 'District Court of Utrecht', reference: 'Order 2026/123' },
};

describe('disclosure register (P13)', () => {
  it('records a disclosure: basis, categories, dates and notice in clear, recipient and reference sealed', () => {
    spec.given([]).when(record()).then([recorded]);
  });

  it('records a disclosure once', () => {
    spec.given([recorded]).when(record()).thenRefuses('conflict', 'disclosure d1 was recorded already');
  });

  it('records a disclosure made up to now, not one still to come', () => {
    spec
      .given([])
      .when(record({ disclosedAt: at }))
      .then([{ ...recorded, data: { ...recorded.data, disclosedAt: at } }]);
    spec
      .given([])
      .when(record({ disclosedAt: '2026-12-01T10:00:00.001Z' }))
      .thenRefuses('invalid', 'disclosedAt must not be in the future');
  });

  it('bars no disclosure the customer consented to from notice to them, naming every problem at once', () => {
    spec
      .given([])
      .when(record({ legalBasis: 'consent', barredFromNotice: false }))
      .then([{ ...recorded, data: { ...recorded.data, legalBasis: 'consent', barredFromNotice: false } }]);
    spec
      .given([])
      .when(record({ legalBasis: 'consent', barredFromNotice: true, dataCategories: [], disclosedAt: '2027-01-01T00:00:00.000Z' }))
      .thenRefuses(
        'invalid',
        'dataCategories must name at least one category of data; disclosedAt must not be in the future; ' +
          'a disclosure made with the customer’s consent cannot be barred from notice',
      );
  });
});
