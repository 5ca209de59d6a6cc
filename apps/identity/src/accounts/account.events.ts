import type { AccountOpenedData, ContactPersonDetails } from '@privacy-ledger/contracts';
import type { DomainEvent, Shredded } from '@privacy-ledger/ledger';

export type { AccountKind } from '@privacy-ledger/contracts';

/** The contact person's data (P1): only ever stored encrypted under the customer's own key. */
export type ContactDetails = ContactPersonDetails;

export interface AccountSecrets extends ContactDetails {
  readonly username: string;
  readonly passwordHash: string;
}

/** Published: other services rely on its contract (@privacy-ledger/contracts). */
export type AccountOpened = DomainEvent<'AccountOpened', AccountOpenedData, AccountSecrets | Shredded>;
export type AccountDetailsChanged = DomainEvent<
  'AccountDetailsChanged',
  { accountId: string; fields: (keyof ContactDetails)[]; changedAt: string },
  Partial<ContactDetails> | Shredded
>;

export type AccountEvent = AccountOpened | AccountDetailsChanged;
