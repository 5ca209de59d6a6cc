import { DomainRuleViolation, isShredded } from '@privacy-ledger/ledger';
import type { AccountState } from './account.decider';
import type { BillingDetails } from './account.events';

/** P14: shown or changed only after a step-up, which the controller's route asks for. */
export function billingDetailsOf(state: AccountState): BillingDetails {
  if (state.status !== 'open') throw new DomainRuleViolation('not_found', 'no such account');
  if (state.billing === null) throw new DomainRuleViolation('not_found', 'no billing details yet');
  if (isShredded(state.billing)) throw new DomainRuleViolation('not_found', 'the billing details of this account were erased');
  return state.billing;
}
