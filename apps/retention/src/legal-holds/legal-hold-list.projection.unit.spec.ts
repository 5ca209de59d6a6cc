import type { RecordedEvent } from '@privacy-ledger/ledger';
import { projectionSpec } from '@privacy-ledger/testing';
import { legalHoldListProjection } from './legal-hold-list.projection';

const recorded = (type: string, data: object, personal: Uint8Array | null) =>
  ({ type, data, personal, streamId: 'account-legal-holds-a1', eventId: `event-${type}` }) as unknown as RecordedEvent;
const stored = (sealed: string, type: string) => ({ sealed, streamId: 'account-legal-holds-a1', eventId: `event-${type}` });
const ids = { accountId: 'a1', holdId: 'h1' };
const placed = recorded('LegalHoldPlaced', { ...ids, kind: 'court-order', placedBy: 'po-1', placedAt: 't1' }, new Uint8Array([1, 2, 3]));
const lifted = recorded('LegalHoldLifted', { ...ids, liftedBy: 'po-2', liftedAt: 't2' }, new Uint8Array([4, 5, 6]));
const spec = projectionSpec(legalHoldListProjection);

describe('legal hold list projection', () => {
  it('keeps a hold by its id with the account in clear, its reference and reason only as the sealed part the event carried', () =>
    spec.given([placed]).then({
      h1: {
        ...ids,
        kind: 'court-order',
        placedBy: 'po-1',
        placedAt: 't1',
        standing: true,
        liftedBy: null,
        liftedAt: null,
        placement: stored('AQID', 'LegalHoldPlaced'),
        lifting: null,
      },
    }));

  it('marks a lifted hold no longer standing, keeping the lifting’s reason sealed beside the placement’s', () =>
    spec.given([placed, lifted]).then({
      h1: expect.objectContaining({
        standing: false,
        liftedBy: 'po-2',
        liftedAt: 't2',
        placement: stored('AQID', 'LegalHoldPlaced'),
        lifting: stored('BAUG', 'LegalHoldLifted'),
      }),
    }));

  it('ignores a lifting without its placement, and events of other aggregates', () =>
    spec.given([lifted, recorded('AccountClosed', { accountId: 'a1', erasureId: 'e1' }, null)]).then({}));
});
