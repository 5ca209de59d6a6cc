import {
  DomainRuleViolation,
  isShredded,
  unknownCommand,
  unknownEvent,
  type Aggregate,
  type Decider,
  type Shredded,
} from '@privacy-ledger/ledger';
import { cardSubject, type CardDetails, type CardEvent, type CustodianUse } from './cards.events';

export interface CardState {
  readonly cardId: string;
  readonly details: CardDetails | Shredded;
  /** 1 when added, one more with each change: what a client names in If-Match. */
  readonly version: number;
}

/** One account's cards: one stream, so a card added twice is seen, and racing edits of a card collide. */
export interface CardsState {
  readonly cards: Readonly<Record<string, CardState>>;
  /** Requests custodians carried out on these cards: in this stream, so that racing custodians carry one out once. */
  readonly appliedRequests: readonly string[];
}

export type CardChanges = Partial<Pick<CardDetails, 'number' | 'expiryMonth' | 'expiryYear'>>;

export type CardsCommand =
  | { type: 'AddCard'; accountId: string; cardId: string; details: CardDetails; at: string }
  /** `expectedVersion`: the version the client changed. */
  | {
      type: 'ChangeCard';
      accountId: string;
      cardId: string;
      changes: CardChanges;
      expectedVersion: number;
      byCustodian?: CustodianUse;
      at: string;
    }
  | { type: 'DeleteCard'; accountId: string; cardId: string; at: string };

/** A card may be stored until the last day of its expiry month. */
function refuseExpired({ expiryMonth, expiryYear }: Pick<CardDetails, 'expiryMonth' | 'expiryYear'>, at: string): void {
  const [year, month] = [Number(at.slice(0, 4)), Number(at.slice(5, 7))]; // `at` is an ISO date-time, in UTC
  if (expiryYear < year || (expiryYear === year && expiryMonth < month))
    throw new DomainRuleViolation('invalid', 'the card has expired: expiryMonth and expiryYear lie in the past');
}

/**
 * The same number twice in one account, compared inside the opened details: a comparable value kept beside them
 * (a keyed fingerprint) would outlive the card's key, and with the vault's key in hand give the number back.
 */
function refuseStoredTwice(state: CardsState, number: string, cardId: string): void {
  const twin = Object.values(state.cards).find(
    (card) => card.cardId !== cardId && !isShredded(card.details) && card.details.number === number,
  );
  if (twin) throw new DomainRuleViolation('conflict', `this card is stored for the account already, as ${twin.cardId}`);
}

function existing(state: CardsState, cardId: string): CardState & { details: CardDetails } {
  const card = state.cards[cardId];
  if (!card) throw new DomainRuleViolation('not_found', 'no such card');
  if (isShredded(card.details)) throw new DomainRuleViolation('conflict', 'the data of this card was erased');
  return card as CardState & { details: CardDetails };
}

/** A customer's request is carried out once, and by a change: a custodian's edit that changes nothing would use it up unseen. */
function refuseAppliedOrEmpty(state: CardsState, { requestId }: CustodianUse, fields: readonly string[]): void {
  if (state.appliedRequests.includes(requestId)) throw new DomainRuleViolation('forbidden', 'the card request is fulfilled, not open');
  if (fields.length === 0)
    throw new DomainRuleViolation('invalid', 'this edit changes nothing: give the new number or expiry the customer asked for');
}

function decide(command: CardsCommand, state: CardsState): CardEvent[] {
  const { accountId, cardId, at } = command;
  switch (command.type) {
    case 'AddCard': {
      refuseExpired(command.details, at);
      refuseStoredTwice(state, command.details.number, cardId);
      return [{ type: 'CardAdded', data: { accountId, cardId, addedAt: at }, personal: command.details }];
    }
    case 'ChangeCard': {
      const card = existing(state, cardId);
      if (card.version !== command.expectedVersion)
        throw new DomainRuleViolation('conflict', `the card was changed meanwhile: it is at version ${card.version}, read it again`);
      // A field left out (or undefined) keeps its value.
      const fields = (Object.keys(command.changes) as (keyof CardChanges)[]).filter(
        (field) => command.changes[field] !== undefined && command.changes[field] !== card.details[field],
      );
      if (command.byCustodian) refuseAppliedOrEmpty(state, command.byCustodian, fields);
      if (fields.length === 0) return [];
      const details = { ...card.details, ...Object.fromEntries(fields.map((field) => [field, command.changes[field]])) };
      refuseExpired(details, at);
      refuseStoredTwice(state, details.number, cardId);
      const byCustodian = command.byCustodian && { byCustodian: { ...command.byCustodian } };
      return [{ type: 'CardChanged', data: { accountId, cardId, fields, changedAt: at, ...byCustodian }, personal: details }];
    }
    case 'DeleteCard':
      existing(state, cardId);
      return [{ type: 'CardDeleted', data: { accountId, cardId, deletedAt: at }, personal: null }];
    default:
      return unknownCommand(command);
  }
}

function evolve(state: CardsState, event: CardEvent): CardsState {
  const { cardId } = event.data;
  switch (event.type) {
    case 'CardAdded':
    case 'CardChanged': {
      const version = (state.cards[cardId]?.version ?? 0) + 1;
      const card = { cardId, details: event.personal, version };
      const applied = event.type === 'CardChanged' && event.data.byCustodian ? [event.data.byCustodian.requestId] : [];
      return { cards: { ...state.cards, [cardId]: card }, appliedRequests: [...state.appliedRequests, ...applied] };
    }
    case 'CardDeleted': {
      const { [cardId]: _deleted, ...cards } = state.cards;
      return { ...state, cards };
    }
    default:
      return unknownEvent(event, state);
  }
}

export const cardsDecider: Decider<CardsCommand, CardsState, CardEvent> = {
  initialState: { cards: {}, appliedRequests: [] },
  decide,
  evolve,
};

export const cardsAggregate: Aggregate<CardsCommand, CardsState, CardEvent> = {
  name: 'account-cards',
  eventTypes: ['CardAdded', 'CardChanged', 'CardDeleted'],
  decider: cardsDecider,
  subjectOf: (event) => cardSubject(event.data.cardId, event.data.accountId),
};
