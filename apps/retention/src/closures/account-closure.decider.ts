import { DomainRuleViolation, unknownCommand, unknownEvent, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import type { AccountClosed, AccountClosureEvent } from './account-closure.events';

export type AccountClosureState =
  { readonly status: 'open' } | { readonly status: 'cancelled' | 'removing'; readonly erasureId: string; readonly dueAt: string };

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
  | { readonly type: 'ReactivateAccount'; readonly accountId: string; readonly at: string };

function close(command: Extract<AccountClosureCommand, { type: 'CloseAccount' }>, state: AccountClosureState): AccountClosed[] {
  const { accountId, removeNow, requestedBy, retentionMs, at } = command;
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
  if (state.status === 'removing') throw new DomainRuleViolation('conflict', 'the account was closed for removal, which cannot be undone');
  if (command.at >= state.dueAt) throw new DomainRuleViolation('conflict', `the retention period ended at ${state.dueAt}`);
  const { accountId, at } = command;
  return [{ type: 'AccountReactivated' as const, data: { accountId, erasureId: state.erasureId, reactivatedAt: at }, personal: null }];
}

export const accountClosureDecider: Decider<AccountClosureCommand, AccountClosureState, AccountClosureEvent> = {
  initialState: { status: 'open' },
  decide(command, state) {
    switch (command.type) {
      case 'CloseAccount':
        return close(command, state);
      case 'ReactivateAccount':
        return reactivate(command, state);
      default:
        return unknownCommand(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'AccountClosed': {
        const { erasureId, removeNow, dueAt } = event.data;
        return { status: removeNow ? 'removing' : 'cancelled', erasureId, dueAt };
      }
      case 'AccountReactivated':
        return { status: 'open' };
      default:
        return unknownEvent(event, state);
    }
  },
};

export const accountClosureAggregate: Aggregate<AccountClosureCommand, AccountClosureState, AccountClosureEvent> = {
  name: 'account-closure',
  eventTypes: ['AccountClosed', 'AccountReactivated'],
  decider: accountClosureDecider,
  // A closure holds no personal data: nothing is ever sealed under this subject.
  subjectOf: (event) => ({ subjectId: `closure-${event.data.accountId}`, accountId: event.data.accountId }),
};
