import { DomainRuleViolation, unknownCommand, unknownEvent, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import type {
  Amount,
  CardChargeSettled,
  CardChargeStarted,
  CardRequestEvent,
  CardRequestOpened,
  RequestKind,
} from './card-requests.events';

export interface CardRequestState {
  readonly requestId: string;
  readonly kind: RequestKind;
  readonly cardId: string | null;
  readonly amount: Amount | null;
  readonly recordedBy: string;
  /** `charging` while a charge of it waits for the processor; `fulfilled` once a custodian carried it out. */
  readonly state: 'open' | 'withdrawn' | 'charging' | 'fulfilled';
}

export interface ChargeState extends Omit<CardChargeStarted['data'], 'accountId'> {
  readonly settled: Omit<CardChargeSettled['data'], 'accountId' | 'requestId' | 'chargeId'> | null;
}

/** One account's card requests and the charges made on them. */
export interface CardRequestsState {
  readonly requests: Readonly<Record<string, CardRequestState>>;
  readonly charges: Readonly<Record<string, ChargeState>>;
}

export type CardRequestsCommand =
  | (Omit<CardRequestOpened['data'], 'openedAt'> & {
      type: 'OpenCardRequest';
      /** The account's cards now: a request names one of them, except to add a card. */
      cardsOfAccount: readonly string[];
      at: string;
    })
  | { type: 'WithdrawCardRequest'; accountId: string; requestId: string; at: string }
  /** `chargeId`: derived from the request and the client's Idempotency-Key, so a retry names the same charge. */
  | { type: 'StartCharge'; accountId: string; requestId: string; chargeId: string; cardId: string; staffId: string; at: string }
  | (Omit<CardChargeSettled['data'], 'requestId' | 'settledAt'> & { type: 'SettleCharge'; at: string })
  | { type: 'FulfilCardRequest'; accountId: string; requestId: string; cardId: string; staffId: string; at: string };

/**
 * Why this custodian may not act on a card by this request (P9), or null when the request allows it. Whoever
 * recorded a request for a customer does not carry it out: two people stand behind every staff use.
 */
export function refusalOfUse(
  request: CardRequestState | undefined,
  use: { kind: RequestKind; cardId: string; staffId: string },
): string | null {
  if (!request) return 'no such card request for this account';
  if (request.kind !== use.kind) return `the card request asks to ${request.kind} a card, not to ${use.kind} one`;
  if (request.cardId !== use.cardId) return 'the card request names another card';
  if (request.state !== 'open') return `the card request is ${request.state}, not open`;
  if (request.recordedBy === use.staffId) return 'you recorded this card request yourself: another card custodian carries it out';
  return null;
}

function problemsOf(command: Extract<CardRequestsCommand, { type: 'OpenCardRequest' }>): string[] {
  const { kind, cardId, amount } = command;
  const problems: string[] = [];
  if (kind === 'add' && cardId !== null) problems.push('cardId must be left out of a request to add a card');
  if (kind !== 'add' && cardId === null) problems.push(`cardId is required for a request to ${kind} a card`);
  if (kind === 'charge' && amount === null) problems.push('amount is required for a request to charge a card');
  if (kind !== 'charge' && amount !== null) problems.push(`amount belongs to a charge, not to a request to ${kind} a card`);
  return problems;
}

function open(command: Extract<CardRequestsCommand, { type: 'OpenCardRequest' }>): CardRequestEvent[] {
  const problems = problemsOf(command);
  if (problems.length > 0) throw new DomainRuleViolation('invalid', problems.join('; '));
  if (command.cardId !== null && !command.cardsOfAccount.includes(command.cardId))
    throw new DomainRuleViolation('not_found', 'no such card');
  const { accountId, requestId, kind, cardId, amount, channel, recordedBy, at } = command;
  return [
    { type: 'CardRequestOpened', data: { accountId, requestId, kind, cardId, amount, channel, recordedBy, openedAt: at }, personal: null },
  ];
}

function startCharge(command: Extract<CardRequestsCommand, { type: 'StartCharge' }>, state: CardRequestsState): CardRequestEvent[] {
  const { accountId, requestId, chargeId, cardId, staffId, at } = command;
  if (state.charges[chargeId]) return [];
  const request = state.requests[requestId];
  if (request?.state === 'charging')
    throw new DomainRuleViolation('conflict', 'the card request is being charged already: wait for the outcome of that charge');
  const refusal = refusalOfUse(request, { kind: 'charge', cardId, staffId });
  if (refusal) throw new DomainRuleViolation('forbidden', refusal);
  const amount = request.amount!;
  return [{ type: 'CardChargeStarted', data: { accountId, requestId, chargeId, cardId, amount, staffId, startedAt: at }, personal: null }];
}

function settleCharge(command: Extract<CardRequestsCommand, { type: 'SettleCharge' }>, state: CardRequestsState): CardRequestEvent[] {
  const charge = state.charges[command.chargeId];
  if (!charge) throw new DomainRuleViolation('not_found', 'no such charge');
  if (charge.settled) return [];
  const { accountId, chargeId, outcome, reference, reason, at } = command;
  const data = { accountId, requestId: charge.requestId, chargeId, outcome, reference, reason, settledAt: at };
  return [{ type: 'CardChargeSettled', data, personal: null }];
}

function decide(command: CardRequestsCommand, state: CardRequestsState): CardRequestEvent[] {
  switch (command.type) {
    case 'OpenCardRequest':
      return open(command);
    case 'WithdrawCardRequest': {
      const { accountId, requestId, at } = command;
      const request = state.requests[requestId];
      if (!request) throw new DomainRuleViolation('not_found', 'no such card request');
      if (request.state !== 'open') throw new DomainRuleViolation('conflict', `this card request is ${request.state} already`);
      return [{ type: 'CardRequestWithdrawn', data: { accountId, requestId, withdrawnAt: at }, personal: null }];
    }
    case 'StartCharge':
      return startCharge(command, state);
    case 'SettleCharge':
      return settleCharge(command, state);
    case 'FulfilCardRequest': {
      const { accountId, requestId, cardId, staffId, at } = command;
      if (!state.requests[requestId]) throw new DomainRuleViolation('not_found', 'no such card request');
      if (state.requests[requestId].state === 'fulfilled') return [];
      return [{ type: 'CardRequestFulfilled', data: { accountId, requestId, cardId, staffId, fulfilledAt: at }, personal: null }];
    }
    default:
      return unknownCommand(command);
  }
}

function withRequest(state: CardRequestsState, requestId: string, change: Partial<CardRequestState>): CardRequestsState {
  const request = state.requests[requestId];
  return request ? { ...state, requests: { ...state.requests, [requestId]: { ...request, ...change } } } : state;
}

function evolve(state: CardRequestsState, event: CardRequestEvent): CardRequestsState {
  const { requestId } = event.data;
  switch (event.type) {
    case 'CardRequestOpened': {
      const { kind, cardId, amount, recordedBy } = event.data;
      const request = { requestId, kind, cardId, amount, recordedBy, state: 'open' as const };
      return { ...state, requests: { ...state.requests, [requestId]: request } };
    }
    case 'CardRequestWithdrawn':
      return withRequest(state, requestId, { state: 'withdrawn' });
    case 'CardChargeStarted': {
      const { accountId: _, ...charge } = event.data;
      const charges = { ...state.charges, [charge.chargeId]: { ...charge, settled: null } };
      return withRequest({ ...state, charges }, requestId, { state: 'charging' });
    }
    case 'CardChargeSettled': {
      const { chargeId, outcome, reference, reason, settledAt } = event.data;
      const charge = state.charges[chargeId];
      const charges = charge
        ? { ...state.charges, [chargeId]: { ...charge, settled: { outcome, reference, reason, settledAt } } }
        : state.charges;
      // A declined or failed charge leaves the request open, for another card or another try.
      return withRequest({ ...state, charges }, requestId, { state: outcome === 'approved' ? 'fulfilled' : 'open' });
    }
    case 'CardRequestFulfilled':
      return withRequest(state, requestId, { state: 'fulfilled' });
    default:
      return unknownEvent(event, state);
  }
}

export const cardRequestsDecider: Decider<CardRequestsCommand, CardRequestsState, CardRequestEvent> = {
  initialState: { requests: {}, charges: {} },
  decide,
  evolve,
};

export const cardRequestsAggregate: Aggregate<CardRequestsCommand, CardRequestsState, CardRequestEvent> = {
  name: 'account-card-requests',
  eventTypes: ['CardRequestOpened', 'CardRequestWithdrawn', 'CardChargeStarted', 'CardChargeSettled', 'CardRequestFulfilled'],
  decider: cardRequestsDecider,
  // Requests and charges hold no personal data: nothing is ever sealed under this subject.
  subjectOf: (event) => ({ subjectId: `card-requests-${event.data.accountId}`, accountId: event.data.accountId }),
};
