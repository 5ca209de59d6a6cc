import type { DomainEvent, Shredded } from '@privacy-ledger/ledger';

/** Marketing mailings (P15), or sharing with one named partner (P13). */
export type ConsentPurpose = 'marketing-mailings' | `sharing:${string}`;

/** What a customer chose: personal data like the rest of the account, so the account's erasure takes it too. */
export interface ConsentChoice {
  readonly purpose: ConsentPurpose;
  readonly granted: boolean;
}

/**
 * Each change of mind, with the policy version in force when it was made. The choice is sealed under the
 * customer's key; events recorded before it was sealed carry it in `data`, and are read as they are.
 */
export type ConsentChanged = DomainEvent<
  'ConsentChanged',
  { accountId: string; policyVersion: string; changedAt: string; changedBy: string } & Partial<ConsentChoice>,
  ConsentChoice | Shredded | null
>;
