import type { DomainEvent, Shredded } from '@privacy-ledger/ledger';

export type AccountKind = 'individual' | 'company';

export interface PostalAddress {
  readonly street: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

/** The contact person's data (P1): only ever stored encrypted under the customer's own key. */
export interface ContactDetails {
  readonly name: string;
  readonly email: string;
  readonly address?: PostalAddress;
  readonly phone?: string;
  readonly companyName?: string;
}

export interface AccountSecrets extends ContactDetails {
  readonly username: string;
  readonly passwordHash: string;
}

export type AccountOpened = DomainEvent<'AccountOpened', { accountId: string; kind: AccountKind; openedAt: string }, AccountSecrets | Shredded>;
export type AccountDetailsChanged = DomainEvent<
  'AccountDetailsChanged',
  { accountId: string; fields: (keyof ContactDetails)[]; changedAt: string },
  Partial<ContactDetails> | Shredded
>;

export type AccountEvent = AccountOpened | AccountDetailsChanged;
