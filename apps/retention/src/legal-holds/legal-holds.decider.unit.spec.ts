import { deciderSpec } from '@privacy-ledger/testing';
import { legalHoldsDecider, standingHolds, type LegalHoldsCommand } from './legal-holds.decider';
import type { LegalHoldEvent } from './legal-holds.events';

const spec = deciderSpec(legalHoldsDecider);
const accountId = 'acc-1';
const at = '2026-12-01T10:00:00.000Z';
const place = (holdId = 'h1'): LegalHoldsCommand => ({
  type: 'PlaceLegalHold',
  accountId,
  holdId,
  kind: 'court-order',
  reference: 'Case 12/345',
  reason: 'ordered to keep the account records',
  placedBy: 'po-1',
  at,
});
const placed = (holdId = 'h1'): LegalHoldEvent => ({
  type: 'LegalHoldPlaced',
  data: { accountId, holdId, kind: 'court-order', placedBy: 'po-1', placedAt: at },
  personal: { reference: 'Case 12/345', reason: 'ordered to keep the account records' },
});
const lift = (holdId = 'h1'): LegalHoldsCommand => ({
  type: 'LiftLegalHold',
  accountId,
  holdId,
  reason: 'case closed',
  liftedBy: 'po-2',
  at,
});
const lifted = (holdId = 'h1'): LegalHoldEvent => ({
  type: 'LegalHoldLifted',
  data: { accountId, holdId, liftedBy: 'po-2', liftedAt: at },
  personal: { reason: 'case closed' },
});

describe('legal holds (P12)', () => {
  it('places a hold: kind, who and when in clear, reference and reason sealed', () => {
    spec.given([]).when(place()).then([placed()]);
    spec.given([placed()]).when(place()).thenRefuses('conflict', 'hold h1 was placed already');
  });

  it('lifts a standing hold once, with a reason', () => {
    spec.given([placed()]).when(lift()).then([lifted()]);
    spec.given([placed(), lifted()]).when(lift()).thenRefuses('conflict', 'hold h1 was lifted already');
    spec.given([]).when(lift()).thenRefuses('not_found');
  });

  it('counts the holds that keep an erasure waiting: until the last is lifted', () => {
    const state = (history: LegalHoldEvent[]) => history.reduce(legalHoldsDecider.evolve, legalHoldsDecider.initialState);
    expect(standingHolds(state([placed('h1'), placed('h2'), lifted('h1')]))).toEqual([
      { holdId: 'h2', kind: 'court-order', placedAt: expect.any(String), standing: true },
    ]);
    expect(standingHolds(state([placed('h1'), placed('h2'), lifted('h1'), lifted('h2')]))).toEqual([]);
  });

  it('closes the holds for the erasure once, and only with none standing; no hold is placed after', () => {
    const close: LegalHoldsCommand = { type: 'CloseLegalHolds', accountId, at };
    const closed: LegalHoldEvent = { type: 'LegalHoldsClosed', data: { accountId, closedAt: at }, personal: null };
    spec
      .given([placed('h1'), lifted('h1')])
      .when(close)
      .then([closed]);
    spec
      .given([placed('h1'), placed('h2'), lifted('h1')])
      .when(close)
      .thenRefuses('conflict', 'the erasure waits for legal holds: court-order');
    spec.given([closed]).when(close).then([]);
    spec
      .given([closed])
      .when(place('h2'))
      .thenRefuses('conflict', /erasure has started/);
  });
});
