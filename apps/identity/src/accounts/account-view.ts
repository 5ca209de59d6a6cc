import { DomainRuleViolation, isShredded } from '@privacy-ledger/ledger';
import type { AccountState } from './account.decider';
import type { AccountKind, ContactDetails } from './account.events';

/** What the customer sees of their account: everything but the password hash, with the version for If-Match. */
export interface AccountView extends ContactDetails {
  readonly id: string;
  readonly kind: AccountKind;
  readonly username: string;
  readonly openedAt: string;
  readonly version: number;
}

export function accountView(accountId: string, state: AccountState, revision: number): AccountView {
  if (state.status !== 'open') throw new DomainRuleViolation('not_found', 'no such account');
  if (isShredded(state.secrets)) throw new DomainRuleViolation('not_found', 'the data of this account was erased');
  const { passwordHash: _hash, ...visible } = state.secrets;
  return { id: accountId, kind: state.kind, openedAt: state.openedAt, version: revision, ...visible };
}
