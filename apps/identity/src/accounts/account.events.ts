import type {
  AccountOpenedData,
  ContactPersonDetails,
  PostalAddress,
  PrimaryContactDetails,
  PrimaryContactSubmittedData,
} from '@privacy-ledger/contracts';
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
/** Published: the signup's contact person handed to contacts, sealed so that only contacts can open it (null as identity loads it). */
export type PrimaryContactSubmitted = DomainEvent<'PrimaryContactSubmitted', PrimaryContactSubmittedData, PrimaryContactDetails | null>;

export type AccountDetailsChanged = DomainEvent<
  'AccountDetailsChanged',
  { accountId: string; fields: (keyof ContactDetails)[]; changedAt: string },
  Partial<ContactDetails> | Shredded
>;

/** Who and where invoices go to (P14: shown or changed only after a step-up). */
export interface BillingDetails {
  readonly name: string;
  readonly address: PostalAddress;
  readonly vatId?: string;
}

export type BillingDetailsChanged = DomainEvent<
  'BillingDetailsChanged',
  { accountId: string; changedAt: string },
  BillingDetails | Shredded
>;

/** `resetId`: the completed password reset this change carries out, so carrying it out again changes nothing. */
export type AccountPasswordChanged = DomainEvent<
  'AccountPasswordChanged',
  { accountId: string; changedAt: string; reason: 'reset'; resetId: string },
  { passwordHash: string } | Shredded
>;

export type AccountEvent = AccountOpened | PrimaryContactSubmitted | AccountDetailsChanged | BillingDetailsChanged | AccountPasswordChanged;

export { customerSubject } from '@privacy-ledger/contracts';
