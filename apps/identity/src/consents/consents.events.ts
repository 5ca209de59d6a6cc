import type { DomainEvent } from '@privacy-ledger/ledger';

/** Marketing mailings (P15), or sharing with one named partner (P13). */
export type ConsentPurpose = 'marketing-mailings' | `sharing:${string}`;

/** Each change of mind, with the policy version in force when it was made. */
export type ConsentChanged = DomainEvent<
  'ConsentChanged',
  { accountId: string; purpose: ConsentPurpose; granted: boolean; policyVersion: string; changedAt: string; changedBy: string },
  null
>;
