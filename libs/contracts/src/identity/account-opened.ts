/**
 * Identity's `AccountOpened`, as other services may rely on it (schema version 1): its data in clear.
 * Its personal part is sealed under the customer's subject, kept by identity: no other service opens it.
 */
export const ACCOUNT_OPENED = 'AccountOpened';

export type AccountKind = 'individual' | 'company';

export interface AccountOpenedData {
  readonly accountId: string;
  readonly kind: AccountKind;
  readonly openedAt: string;
}

export interface PostalAddress {
  readonly street: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

/** The contact person's data given at signup (P1). */
export interface ContactPersonDetails {
  readonly name: string;
  readonly email: string;
  readonly address?: PostalAddress;
  /** International form, e.g. +31201234567. */
  readonly phone?: string;
  readonly companyName?: string;
}

/** The customer (the account's contact person at signup) is one subject; every key of the account belongs to its keyring. */
export const customerSubject = (accountId: string) => ({ subjectId: `customer-${accountId}`, accountId });
