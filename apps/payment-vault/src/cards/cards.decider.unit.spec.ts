import { deciderSpec } from '@privacy-ledger/testing';
import { cardsDecider } from './cards.decider';
import type { CardDetails, CardEvent } from './cards.events';

const spec = deciderSpec(cardsDecider);
const at = '2026-11-23T10:00:00.000Z';
const accountId = 'acc-1';
const visa: CardDetails = { number: '4111111111111111', expiryMonth: 12, expiryYear: 2028, holderName: 'Ada Lovelace' };

const added = (cardId: string, details: CardDetails): CardEvent => ({
  type: 'CardAdded',
  data: { accountId, cardId, addedAt: at },
  personal: details,
});

describe('cards decider', () => {
  it('adds a card, sealed whole, with nothing derived from its number in clear', () => {
    spec
      .given([])
      .when({ type: 'AddCard', accountId, cardId: 'c1', details: visa, at })
      .then([added('c1', visa)]);
  });

  it('refuses a card whose expiry month has passed, and takes one expiring this month', () => {
    spec
      .given([])
      .when({ type: 'AddCard', accountId, cardId: 'c1', details: { ...visa, expiryMonth: 10, expiryYear: 2026 }, at })
      .thenRefuses('invalid', /expired/);
    spec
      .given([])
      .when({ type: 'AddCard', accountId, cardId: 'c1', details: { ...visa, expiryMonth: 11, expiryYear: 2026 }, at })
      .then([added('c1', { ...visa, expiryMonth: 11, expiryYear: 2026 })]);
  });

  it('recognises the same number added twice to one account, or given to another of its cards', () => {
    const mastercard = { ...visa, number: '5555555555554444' };
    spec
      .given([added('c1', visa)])
      .when({ type: 'AddCard', accountId, cardId: 'c2', details: visa, at })
      .thenRefuses('conflict', /stored for the account already, as c1/);
    spec
      .given([added('c1', visa), added('c2', mastercard)])
      .when({ type: 'ChangeCard', accountId, cardId: 'c2', changes: { number: visa.number }, expectedVersion: 1, at })
      .thenRefuses('conflict', /stored for the account already, as c1/);
  });

  it('reads a card written with a clear fingerprint, as older ledgers hold, without carrying the fingerprint on', () => {
    const older = { type: 'CardAdded', data: { accountId, cardId: 'c1', fingerprint: 'fp-1', addedAt: at }, personal: visa } as CardEvent;
    spec
      .given([older])
      .when({ type: 'ChangeCard', accountId, cardId: 'c1', changes: { expiryYear: 2029 }, expectedVersion: 1, at })
      .then([
        {
          type: 'CardChanged',
          data: { accountId, cardId: 'c1', fields: ['expiryYear'], changedAt: at },
          personal: { ...visa, expiryYear: 2029 },
        },
      ]);
  });

  it('records a new expiry with the whole details, and nothing when nothing changes', () => {
    spec
      .given([added('c1', visa)])
      .when({ type: 'ChangeCard', accountId, cardId: 'c1', changes: { expiryYear: 2029 }, expectedVersion: 1, at })
      .then([
        {
          type: 'CardChanged',
          data: { accountId, cardId: 'c1', fields: ['expiryYear'], changedAt: at },
          personal: { ...visa, expiryYear: 2029 },
        },
      ]);
    spec
      .given([added('c1', visa)])
      .when({ type: 'ChangeCard', accountId, cardId: 'c1', changes: { expiryYear: 2028, number: undefined }, expectedVersion: 1, at })
      .then([]);
  });

  it('names the custodian and the request when a card custodian applies the change', () => {
    const byCustodian = { staffId: 'st-1', requestId: 'r-1' };
    spec
      .given([added('c1', visa)])
      .when({ type: 'ChangeCard', accountId, cardId: 'c1', changes: { expiryYear: 2029 }, expectedVersion: 1, byCustodian, at })
      .then([
        {
          type: 'CardChanged',
          data: { accountId, cardId: 'c1', fields: ['expiryYear'], changedAt: at, byCustodian },
          personal: { ...visa, expiryYear: 2029 },
        },
      ]);
  });

  it("carries out a custodian's request once, and only by a change", () => {
    const byCustodian = { staffId: 'st-1', requestId: 'r-1' };
    const change = { type: 'ChangeCard' as const, accountId, cardId: 'c1', expectedVersion: 1, byCustodian, at };
    const changed: CardEvent = {
      type: 'CardChanged',
      data: { accountId, cardId: 'c1', fields: ['expiryYear'], changedAt: at, byCustodian },
      personal: { ...visa, expiryYear: 2029 },
    };
    spec
      .given([added('c1', visa), changed])
      .when({ ...change, changes: { expiryYear: 2030 }, expectedVersion: 2 })
      .thenRefuses('forbidden', 'the card request is fulfilled, not open');
    spec
      .given([added('c1', visa)])
      .when({ ...change, changes: { expiryYear: 2028 } })
      .thenRefuses('invalid', /changes nothing/);
  });

  it('refuses a change made to a version the card has left, so that racing edits never lose one', () => {
    const changed: CardEvent = {
      type: 'CardChanged',
      data: { accountId, cardId: 'c1', fields: ['expiryYear'], changedAt: at },
      personal: { ...visa, expiryYear: 2029 },
    };
    spec
      .given([added('c1', visa), changed])
      .when({ type: 'ChangeCard', accountId, cardId: 'c1', changes: { expiryYear: 2030 }, expectedVersion: 1, at })
      .thenRefuses('conflict', /changed meanwhile: it is at version 2/);
  });

  it('refuses to change or delete a card the account does not have', () => {
    spec
      .given([])
      .when({ type: 'ChangeCard', accountId, cardId: 'c9', changes: { expiryYear: 2029 }, expectedVersion: 1, at })
      .thenRefuses('not_found');
    spec
      .given([added('c1', visa), { type: 'CardDeleted', data: { accountId, cardId: 'c1', deletedAt: at }, personal: null }])
      .when({ type: 'DeleteCard', accountId, cardId: 'c1', at })
      .thenRefuses('not_found');
  });

  it('deletes a card, after which the same number may be added again', () => {
    const deleted: CardEvent = { type: 'CardDeleted', data: { accountId, cardId: 'c1', deletedAt: at }, personal: null };
    spec
      .given([added('c1', visa)])
      .when({ type: 'DeleteCard', accountId, cardId: 'c1', at })
      .then([deleted]);
    spec
      .given([added('c1', visa), deleted])
      .when({ type: 'AddCard', accountId, cardId: 'c2', details: visa, at })
      .then([added('c2', visa)]);
  });
});
