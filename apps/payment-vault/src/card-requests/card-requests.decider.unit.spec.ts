import { deciderSpec } from '@privacy-ledger/testing';
import { cardRequestsDecider, type CardRequestsCommand } from './card-requests.decider';
import type { CardRequestEvent } from './card-requests.events';

const spec = deciderSpec(cardRequestsDecider);
const at = '2026-11-23T10:00:00.000Z';
const accountId = 'acc-1';
const open = (overrides: Partial<Extract<CardRequestsCommand, { type: 'OpenCardRequest' }>>): CardRequestsCommand => ({
  type: 'OpenCardRequest',
  accountId,
  requestId: 'r1',
  kind: 'charge',
  cardId: 'c1',
  amount: { minorUnits: 1250, currency: 'EUR' },
  channel: 'self-service',
  recordedBy: accountId,
  cardsOfAccount: ['c1'],
  at,
  ...overrides,
});
const opened: CardRequestEvent = {
  type: 'CardRequestOpened',
  data: {
    accountId,
    requestId: 'r1',
    kind: 'charge',
    cardId: 'c1',
    amount: { minorUnits: 1250, currency: 'EUR' },
    channel: 'self-service',
    recordedBy: accountId,
    openedAt: at,
  },
  personal: null,
};

describe('card requests decider', () => {
  it('opens a request naming the kind, the card, a charge amount, the channel and who recorded it', () => {
    spec.given([]).when(open({})).then([opened]);
  });

  it('names every problem with the shape of a request at once', () => {
    spec
      .given([])
      .when(open({ kind: 'add', cardId: 'c1', amount: { minorUnits: 1, currency: 'EUR' } }))
      .thenRefuses(
        'invalid',
        'cardId must be left out of a request to add a card; amount belongs to a charge, not to a request to add a card',
      );
    spec
      .given([])
      .when(open({ kind: 'charge', cardId: null, amount: null }))
      .thenRefuses('invalid', /cardId is required.*amount is required/);
  });

  it('refuses a request about a card the account does not have', () => {
    spec
      .given([])
      .when(open({ cardId: 'c9' }))
      .thenRefuses('not_found', 'no such card');
  });

  it('lets an open request be withdrawn once', () => {
    const withdrawn: CardRequestEvent = {
      type: 'CardRequestWithdrawn',
      data: { accountId, requestId: 'r1', withdrawnAt: at },
      personal: null,
    };
    spec.given([opened]).when({ type: 'WithdrawCardRequest', accountId, requestId: 'r1', at }).then([withdrawn]);
    spec
      .given([opened, withdrawn])
      .when({ type: 'WithdrawCardRequest', accountId, requestId: 'r1', at })
      .thenRefuses('conflict', /withdrawn already/);
    spec.given([]).when({ type: 'WithdrawCardRequest', accountId, requestId: 'r1', at }).thenRefuses('not_found');
  });
});
