import { DomainRuleViolation, unknownCommand, unknownEvent, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import type { CardRequestEvent, CardRequestOpened, RequestKind } from './card-requests.events';

export interface CardRequestState {
  readonly requestId: string;
  readonly kind: RequestKind;
  readonly cardId: string | null;
  readonly state: 'open' | 'withdrawn';
}

/** One account's card requests. */
export interface CardRequestsState {
  readonly requests: Readonly<Record<string, CardRequestState>>;
}

export type CardRequestsCommand =
  | (Omit<CardRequestOpened['data'], 'openedAt'> & {
      type: 'OpenCardRequest';
      /** The account's cards now: a request names one of them, except to add a card. */
      cardsOfAccount: readonly string[];
      at: string;
    })
  | { type: 'WithdrawCardRequest'; accountId: string; requestId: string; at: string };

function problemsOf(command: Extract<CardRequestsCommand, { type: 'OpenCardRequest' }>): string[] {
  const { kind, cardId, amount } = command;
  const problems: string[] = [];
  if (kind === 'add' && cardId !== null) problems.push('cardId must be left out of a request to add a card');
  if (kind !== 'add' && cardId === null) problems.push(`cardId is required for a request to ${kind} a card`);
  if (kind === 'charge' && amount === null) problems.push('amount is required for a request to charge a card');
  if (kind !== 'charge' && amount !== null) problems.push(`amount belongs to a charge, not to a request to ${kind} a card`);
  return problems;
}

function decide(command: CardRequestsCommand, state: CardRequestsState): CardRequestEvent[] {
  const { accountId, requestId, at } = command;
  switch (command.type) {
    case 'OpenCardRequest': {
      const problems = problemsOf(command);
      if (problems.length > 0) throw new DomainRuleViolation('invalid', problems.join('; '));
      if (command.cardId !== null && !command.cardsOfAccount.includes(command.cardId))
        throw new DomainRuleViolation('not_found', 'no such card');
      const { kind, cardId, amount, channel, recordedBy } = command;
      return [
        {
          type: 'CardRequestOpened',
          data: { accountId, requestId, kind, cardId, amount, channel, recordedBy, openedAt: at },
          personal: null,
        },
      ];
    }
    case 'WithdrawCardRequest': {
      const request = state.requests[requestId];
      if (!request) throw new DomainRuleViolation('not_found', 'no such card request');
      if (request.state !== 'open') throw new DomainRuleViolation('conflict', `this card request is ${request.state} already`);
      return [{ type: 'CardRequestWithdrawn', data: { accountId, requestId, withdrawnAt: at }, personal: null }];
    }
    default:
      return unknownCommand(command);
  }
}

function evolve(state: CardRequestsState, event: CardRequestEvent): CardRequestsState {
  const { requestId } = event.data;
  switch (event.type) {
    case 'CardRequestOpened': {
      const { kind, cardId } = event.data;
      return { requests: { ...state.requests, [requestId]: { requestId, kind, cardId, state: 'open' } } };
    }
    case 'CardRequestWithdrawn': {
      const request = state.requests[requestId];
      return request ? { requests: { ...state.requests, [requestId]: { ...request, state: 'withdrawn' } } } : state;
    }
    default:
      return unknownEvent(event, state);
  }
}

export const cardRequestsDecider: Decider<CardRequestsCommand, CardRequestsState, CardRequestEvent> = {
  initialState: { requests: {} },
  decide,
  evolve,
};

export const cardRequestsAggregate: Aggregate<CardRequestsCommand, CardRequestsState, CardRequestEvent> = {
  name: 'account-card-requests',
  eventTypes: ['CardRequestOpened', 'CardRequestWithdrawn'],
  decider: cardRequestsDecider,
  // Requests hold no personal data: nothing is ever sealed under this subject.
  subjectOf: (event) => ({ subjectId: `card-requests-${event.data.accountId}`, accountId: event.data.accountId }),
};
