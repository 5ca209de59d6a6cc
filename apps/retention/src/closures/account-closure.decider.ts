import type { ErasureParticipant, LegalBasis } from '@privacy-ledger/contracts';
import { DomainRuleViolation, unknownCommand, unknownEvent, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import type { HoldState } from '../legal-holds/legal-holds.decider';
import type { AccountClosed, AccountClosureEvent, ErasureCompleted, ErasureStarted } from './account-closure.events';

/** What a closed account's erasure is about: who asked, when, and when it is due. */
export interface ClosureRequest {
  readonly erasureId: string;
  readonly removeNow: boolean;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly dueAt: string;
}

export type AccountClosureState =
  | { readonly status: 'open' }
  | ({ readonly status: 'cancelled' | 'removing' } & ClosureRequest)
  | ({ readonly status: 'erasing' } & ClosureRequest & { readonly started: ErasureStarted['data'] })
  | ({ readonly status: 'erased' } & ClosureRequest & { readonly completedAt: string });

export type AccountClosureCommand =
  /** `retentionMs`: how long a cancelled account's data is kept (twelve months unless configured). */
  | {
      readonly type: 'CloseAccount';
      readonly accountId: string;
      readonly erasureId: string;
      readonly removeNow: boolean;
      readonly requestedBy: string;
      readonly retentionMs: number;
      readonly at: string;
    }
  | { readonly type: 'ReactivateAccount'; readonly accountId: string; readonly at: string }
  /** `standingHolds`: the account's legal holds standing now; while any does, the erasure waits. */
  | {
      readonly type: 'StartErasure';
      readonly accountId: string;
      readonly participants: readonly ErasureParticipant[];
      readonly standingHolds: readonly HoldState[];
      readonly at: string;
    }
  | {
      readonly type: 'CompleteErasure';
      readonly accountId: string;
      readonly position: number;
      readonly certificate: string;
      readonly at: string;
    };

const underWay = (state: AccountClosureState) =>
  state.status === 'erasing' || state.status === 'erased'
    ? new DomainRuleViolation(
        'conflict',
        `the account's data is ${state.status === 'erased' ? 'erased' : 'being erased'}, as erasure ${state.erasureId}`,
      )
    : null;

function close(command: Extract<AccountClosureCommand, { type: 'CloseAccount' }>, state: AccountClosureState): AccountClosed[] {
  const { accountId, removeNow, requestedBy, retentionMs, at } = command;
  const refusal = underWay(state);
  if (refusal) throw refusal;
  if (state.status === 'removing')
    throw new DomainRuleViolation('conflict', `the account is closed and its removal is under way, as erasure ${state.erasureId}`);
  if (state.status === 'cancelled' && !removeNow)
    throw new DomainRuleViolation('conflict', `the account is cancelled already; its data is erased at ${state.dueAt}`);
  // Removal asked for after a cancellation brings the same erasure forward: the requester keeps one id.
  const erasureId = state.status === 'cancelled' ? state.erasureId : command.erasureId;
  const dueAt = removeNow ? at : new Date(Date.parse(at) + retentionMs).toISOString();
  return [{ type: 'AccountClosed', data: { accountId, erasureId, removeNow, requestedBy, closedAt: at, dueAt }, personal: null }];
}

function reactivate(command: Extract<AccountClosureCommand, { type: 'ReactivateAccount' }>, state: AccountClosureState) {
  if (state.status === 'open') throw new DomainRuleViolation('conflict', 'the account is not closed');
  if (state.status !== 'cancelled') throw new DomainRuleViolation('conflict', 'the account was closed for removal, which cannot be undone');
  if (command.at >= state.dueAt) throw new DomainRuleViolation('conflict', `the retention period ended at ${state.dueAt}`);
  const { accountId, at } = command;
  return [{ type: 'AccountReactivated' as const, data: { accountId, erasureId: state.erasureId, reactivatedAt: at }, personal: null }];
}

/** Removal on closing (P11) when the customer asked; on a verified request when the privacy officer did; else the period ended (P12). */
function legalBasisOf(request: ClosureRequest, accountId: string): LegalBasis {
  if (!request.removeNow) return 'retention-period-ended';
  return request.requestedBy === accountId ? 'removal-requested-on-closure' : 'verified-request';
}

function start(command: Extract<AccountClosureCommand, { type: 'StartErasure' }>, state: AccountClosureState): ErasureStarted[] {
  // Said to the log, not to the requester: without the erasure id, which is the requester's alone.
  if (state.status === 'erasing') throw new DomainRuleViolation('conflict', 'the erasure is under way already');
  if (state.status === 'erased') throw new DomainRuleViolation('conflict', 'the erasure completed already');
  if (state.status === 'open') throw new DomainRuleViolation('conflict', 'the account is not closed');
  if (command.at < state.dueAt) throw new DomainRuleViolation('conflict', `the erasure is due at ${state.dueAt}`);
  if (command.standingHolds.length > 0)
    throw new DomainRuleViolation(
      'conflict',
      `the erasure waits for legal holds: ${command.standingHolds.map((hold) => hold.kind).join(', ')}`,
    );
  const { accountId, participants, at } = command;
  const data = {
    accountId,
    erasureId: state.erasureId,
    legalBasis: legalBasisOf(state, accountId),
    requestedBy: state.requestedBy,
    requestedAt: state.requestedAt,
    startedAt: at,
    participants: [...participants],
  };
  return [{ type: 'ErasureStarted', data, personal: null }];
}

function complete(command: Extract<AccountClosureCommand, { type: 'CompleteErasure' }>, state: AccountClosureState): ErasureCompleted[] {
  if (state.status !== 'erasing') throw new DomainRuleViolation('conflict', 'no erasure of this account is under way');
  const { accountId, position, certificate, at } = command;
  return [
    { type: 'ErasureCompleted', data: { accountId, erasureId: state.erasureId, completedAt: at, position, certificate }, personal: null },
  ];
}

function evolve(state: AccountClosureState, event: AccountClosureEvent): AccountClosureState {
  switch (event.type) {
    case 'AccountClosed': {
      const { erasureId, removeNow, requestedBy, closedAt, dueAt } = event.data;
      const requestedAt = state.status === 'cancelled' ? state.requestedAt : closedAt;
      return { status: removeNow ? 'removing' : 'cancelled', erasureId, removeNow, requestedBy, requestedAt, dueAt };
    }
    case 'AccountReactivated':
      return { status: 'open' };
    case 'ErasureStarted':
      return state.status === 'cancelled' || state.status === 'removing' ? { ...state, status: 'erasing', started: event.data } : state;
    case 'ErasureCompleted':
      return state.status === 'erasing' ? { ...state, status: 'erased', completedAt: event.data.completedAt } : state;
    default:
      return unknownEvent(event, state);
  }
}

export const accountClosureDecider: Decider<AccountClosureCommand, AccountClosureState, AccountClosureEvent> = {
  initialState: { status: 'open' },
  decide(command, state) {
    switch (command.type) {
      case 'CloseAccount':
        return close(command, state);
      case 'ReactivateAccount':
        return reactivate(command, state);
      case 'StartErasure':
        return start(command, state);
      case 'CompleteErasure':
        return complete(command, state);
      default:
        return unknownCommand(command);
    }
  },
  evolve,
};

export const accountClosureAggregate: Aggregate<AccountClosureCommand, AccountClosureState, AccountClosureEvent> = {
  name: 'account-closure',
  eventTypes: ['AccountClosed', 'AccountReactivated', 'ErasureStarted', 'ErasureCompleted'],
  decider: accountClosureDecider,
  // A closure holds no personal data: nothing is ever sealed under this subject.
  writesForClosedAccounts: true,
  subjectOf: (event) => ({ subjectId: `closure-${event.data.accountId}`, accountId: event.data.accountId }),
};
