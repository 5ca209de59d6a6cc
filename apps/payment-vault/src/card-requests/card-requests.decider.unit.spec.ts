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

  describe('charges by a card custodian', () => {
    const start = { type: 'StartCharge' as const, accountId, requestId: 'r1', chargeId: 'ch1', cardId: 'c1', staffId: 'st1', at };
    const started: CardRequestEvent = {
      type: 'CardChargeStarted',
      data: {
        accountId,
        requestId: 'r1',
        chargeId: 'ch1',
        cardId: 'c1',
        amount: { minorUnits: 1250, currency: 'EUR' },
        staffId: 'st1',
        startedAt: at,
      },
      personal: null,
    };
    const settled = (outcome: 'approved' | 'declined', reason: string | null = null): CardRequestEvent => ({
      type: 'CardChargeSettled',
      data: {
        accountId,
        requestId: 'r1',
        chargeId: 'ch1',
        outcome,
        reference: outcome === 'approved' ? 'ref-1' : null,
        reason,
        settledAt: at,
      },
      personal: null,
    });
    const settle = (outcome: 'approved' | 'declined', reason: string | null = null) => ({
      type: 'SettleCharge' as const,
      accountId,
      chargeId: 'ch1',
      outcome,
      reference: outcome === 'approved' ? 'ref-1' : null,
      reason,
      at,
    });

    it('charges the amount the customer asked for, on the card the request names', () => {
      spec.given([opened]).when(start).then([started]);
    });

    it('starts the same charge once: a retry of it changes nothing', () => {
      spec.given([opened, started]).when(start).then([]);
      spec
        .given([opened, started, settled('approved')])
        .when(start)
        .then([]);
    });

    it('refuses another charge while one waits for the processor, and after the request was fulfilled', () => {
      spec
        .given([opened, started])
        .when({ ...start, chargeId: 'ch2' })
        .thenRefuses('conflict', /being charged already/);
      spec
        .given([opened, started, settled('approved')])
        .when({ ...start, chargeId: 'ch2' })
        .thenRefuses('forbidden', 'the card request is fulfilled, not open');
    });

    it('leaves the request open after a decline, for another try', () => {
      spec
        .given([opened, started, settled('declined', 'card_declined')])
        .when({ ...start, chargeId: 'ch2' })
        .then([{ ...started, data: { ...started.data, chargeId: 'ch2' } } as CardRequestEvent]);
    });

    it('refuses a charge without an open request of its kind for that card (P9)', () => {
      spec.given([]).when(start).thenRefuses('forbidden', 'no such card request for this account');
      spec
        .given([opened])
        .when({ ...start, cardId: 'c2' })
        .thenRefuses('forbidden', 'the card request names another card');
      spec
        .given([{ ...opened, data: { ...opened.data, kind: 'edit', amount: null } } as CardRequestEvent])
        .when(start)
        .thenRefuses('forbidden', 'the card request asks to edit a card, not to charge one');
      spec
        .given([opened, { type: 'CardRequestWithdrawn', data: { accountId, requestId: 'r1', withdrawnAt: at }, personal: null }])
        .when(start)
        .thenRefuses('forbidden', 'the card request is withdrawn, not open');
    });

    it('settles a charge once, and only a charge that was started', () => {
      spec
        .given([opened, started])
        .when(settle('approved'))
        .then([settled('approved')]);
      spec
        .given([opened, started, settled('approved')])
        .when(settle('declined'))
        .then([]);
      spec.given([opened]).when(settle('approved')).thenRefuses('not_found', 'no such charge');
    });

    it('lets no one carry out a request they recorded themselves', () => {
      const recordedByStaff = { ...opened, data: { ...opened.data, channel: 'phone', recordedBy: 'st1' } } as CardRequestEvent;
      spec
        .given([recordedByStaff])
        .when(start)
        .thenRefuses('forbidden', /recorded this card request yourself/);
      spec
        .given([recordedByStaff])
        .when({ ...start, staffId: 'st2' })
        .then([{ ...started, data: { ...started.data, staffId: 'st2' } } as CardRequestEvent]);
    });

    it('keeps a request being charged from being withdrawn', () => {
      spec
        .given([opened, started])
        .when({ type: 'WithdrawCardRequest', accountId, requestId: 'r1', at })
        .thenRefuses('conflict', 'this card request is charging already');
    });
  });

  it('fulfils a request once, when a custodian carried it out', () => {
    const edit = { ...opened, data: { ...opened.data, kind: 'edit', amount: null } } as CardRequestEvent;
    const fulfil = { type: 'FulfilCardRequest' as const, accountId, requestId: 'r1', cardId: 'c1', staffId: 'st1', at };
    const fulfilled: CardRequestEvent = {
      type: 'CardRequestFulfilled',
      data: { accountId, requestId: 'r1', cardId: 'c1', staffId: 'st1', fulfilledAt: at },
      personal: null,
    };
    spec.given([edit]).when(fulfil).then([fulfilled]);
    spec.given([edit, fulfilled]).when(fulfil).then([]);
  });
});
