import { DomainRuleViolation, unknownCommand, unknownEvent, type Aggregate, type Decider, type WritePath } from '@privacy-ledger/ledger';
import { legalHoldSubject, type HoldKind, type LegalHoldEvent } from './legal-holds.events';

export interface HoldState {
  readonly holdId: string;
  readonly kind: HoldKind;
  readonly placedAt: string;
  readonly standing: boolean;
}

/** One account's legal holds: while any stands, its erasure waits. */
export interface LegalHoldsState {
  readonly holds: Readonly<Record<string, HoldState>>;
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
    };

/** The holds that keep the account's erasure waiting, by kind: what an erasure says it waits for. */
export function standingHolds(state: LegalHoldsState): HoldState[] {
  return Object.values(state.holds).filter((hold) => hold.standing);
}

/** The account's standing holds, as its legal-holds stream has them now. */
export async function standingHoldsOn(writes: WritePath, accountId: string): Promise<HoldState[]> {
  return standingHolds((await writes.load(legalHoldsAggregate, accountId)).state);
}

function decide(command: LegalHoldsCommand, state: LegalHoldsState): LegalHoldEvent[] {
  const { accountId, holdId, at } = command;
  const hold = state.holds[holdId];
  switch (command.type) {
    case 'PlaceLegalHold': {
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

function evolve(state: LegalHoldsState, event: LegalHoldEvent): LegalHoldsState {
  const { holdId } = event.data;
  switch (event.type) {
    case 'LegalHoldPlaced':
      return { holds: { ...state.holds, [holdId]: { holdId, kind: event.data.kind, placedAt: event.data.placedAt, standing: true } } };
    case 'LegalHoldLifted': {
      const hold = state.holds[holdId];
      return hold ? { holds: { ...state.holds, [holdId]: { ...hold, standing: false } } } : state;
    }
    default:
      return unknownEvent(event, state);
  }
}

export const legalHoldsDecider: Decider<LegalHoldsCommand, LegalHoldsState, LegalHoldEvent> = {
  initialState: { holds: {} },
  decide,
  evolve,
};

export const legalHoldsAggregate: Aggregate<LegalHoldsCommand, LegalHoldsState, LegalHoldEvent> = {
  name: 'account-legal-holds',
  eventTypes: ['LegalHoldPlaced', 'LegalHoldLifted'],
  decider: legalHoldsDecider,
  writesForClosedAccounts: true,
  subjectOf: (event) => legalHoldSubject(event.data.holdId, event.data.accountId),
};
