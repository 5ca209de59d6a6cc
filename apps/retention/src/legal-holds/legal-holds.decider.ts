import {
  DomainRuleViolation,
  holdsNoPersonalData,
  unknownCommand,
  unknownEvent,
  type Aggregate,
  type Decider,
  type WritePath,
} from '@privacy-ledger/ledger';
import { legalHoldSubject, type HoldKind, type LegalHoldEvent } from './legal-holds.events';

export interface HoldState {
  readonly holdId: string;
  readonly kind: HoldKind;
  readonly placedAt: string;
  readonly standing: boolean;
}

/** One account's legal holds: while any stands, its erasure waits; once `closed`, the erasure goes ahead and none can be placed. */
export interface LegalHoldsState {
  readonly holds: Readonly<Record<string, HoldState>>;
  readonly closed: boolean;
}

export type LegalHoldsCommand =
  | {
      readonly type: 'PlaceLegalHold';
      readonly accountId: string;
      readonly holdId: string;
      readonly kind: HoldKind;
      readonly reference: string;
      readonly reason: string;
      readonly placedBy: string;
      readonly at: string;
    }
  | {
      readonly type: 'LiftLegalHold';
      readonly accountId: string;
      readonly holdId: string;
      readonly reason: string;
      readonly liftedBy: string;
      readonly at: string;
    }
  | { readonly type: 'CloseLegalHolds'; readonly accountId: string; readonly at: string };

/** The holds that keep the account's erasure waiting, by kind: what an erasure says it waits for. */
export function standingHolds(state: LegalHoldsState): HoldState[] {
  return Object.values(state.holds).filter((hold) => hold.standing);
}

/** The account's standing holds, as its legal-holds stream has them now. */
export async function standingHoldsOn(writes: WritePath, accountId: string): Promise<HoldState[]> {
  return standingHolds((await writes.load(legalHoldsAggregate, accountId)).state);
}

/** Why a hold is refused once the account's erasure is on its way. */
export const ERASURE_UNDER_WAY = 'the account’s erasure has started: a hold can no longer keep its data';

function decide(command: LegalHoldsCommand, state: LegalHoldsState): LegalHoldEvent[] {
  const { accountId, at } = command;
  if (command.type === 'CloseLegalHolds') return closeHolds(accountId, at, state);
  const { holdId } = command;
  const hold = state.holds[holdId];
  switch (command.type) {
    case 'PlaceLegalHold': {
      if (state.closed) throw new DomainRuleViolation('conflict', ERASURE_UNDER_WAY);
      if (hold) throw new DomainRuleViolation('conflict', `hold ${holdId} was placed already`);
      const { kind, reference, reason, placedBy } = command;
      return [{ type: 'LegalHoldPlaced', data: { accountId, holdId, kind, placedBy, placedAt: at }, personal: { reference, reason } }];
    }
    case 'LiftLegalHold': {
      if (!hold) throw new DomainRuleViolation('not_found', 'no such legal hold on this account');
      if (!hold.standing) throw new DomainRuleViolation('conflict', `hold ${holdId} was lifted already`);
      const { reason, liftedBy } = command;
      return [{ type: 'LegalHoldLifted', data: { accountId, holdId, liftedBy, liftedAt: at }, personal: { reason } }];
    }
    default:
      return unknownCommand(command);
  }
}

/** Once per account, and only with no hold standing: what the erasure's start waits for otherwise. */
function closeHolds(accountId: string, at: string, state: LegalHoldsState): LegalHoldEvent[] {
  if (state.closed) return [];
  const standing = standingHolds(state);
  if (standing.length > 0)
    throw new DomainRuleViolation('conflict', `the erasure waits for legal holds: ${standing.map((hold) => hold.kind).join(', ')}`);
  return [{ type: 'LegalHoldsClosed', data: { accountId, closedAt: at }, personal: null }];
}

function evolve(state: LegalHoldsState, event: LegalHoldEvent): LegalHoldsState {
  switch (event.type) {
    case 'LegalHoldPlaced': {
      const { holdId, kind, placedAt } = event.data;
      return { ...state, holds: { ...state.holds, [holdId]: { holdId, kind, placedAt, standing: true } } };
    }
    case 'LegalHoldLifted': {
      const hold = state.holds[event.data.holdId];
      return hold ? { ...state, holds: { ...state.holds, [hold.holdId]: { ...hold, standing: false } } } : state;
    }
    case 'LegalHoldsClosed':
      return { ...state, closed: true };
    default:
      return unknownEvent(event, state);
  }
}

export const legalHoldsDecider: Decider<LegalHoldsCommand, LegalHoldsState, LegalHoldEvent> = {
  initialState: { holds: {}, closed: false },
  decide,
  evolve,
};

export const legalHoldsAggregate: Aggregate<LegalHoldsCommand, LegalHoldsState, LegalHoldEvent> = {
  name: 'account-legal-holds',
  eventTypes: ['LegalHoldPlaced', 'LegalHoldLifted', 'LegalHoldsClosed'],
  decider: legalHoldsDecider,
  writesForClosedAccounts: true,
  subjectOf: (event) =>
    event.type === 'LegalHoldsClosed' ? holdsNoPersonalData(event) : legalHoldSubject(event.data.holdId, event.data.accountId),
};
