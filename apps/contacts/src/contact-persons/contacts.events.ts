import type { DomainEvent, Shredded } from '@privacy-ledger/ledger';

/** Every role a contact person can hold; "all roles" means all of these. */
export const CONTACT_ROLES = ['owner', 'billing', 'technical'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** A contact person's personal data (P4), sealed under the contact's own key. Phones and fax in E.164. */
export interface ContactDetails {
  readonly name: string;
  readonly email: string;
  readonly phones: readonly string[];
  readonly fax: string | null;
}

/** A verification link's token is stored only as its hash. */
export interface PendingVerification {
  readonly tokenHash: string;
  readonly expiresAt: string;
}

type Personal = ContactDetails | Shredded;

export type ContactAdded = DomainEvent<
  'ContactAdded',
  { accountId: string; contactId: string; roles: ContactRole[]; primary: boolean; addedAt: string },
  Personal
>;
/** Carries the contact's whole details as they now are, so the read model keeps only the latest sealed part. */
export type ContactChanged = DomainEvent<
  'ContactChanged',
  { accountId: string; contactId: string; roles: ContactRole[]; fields: (keyof ContactDetails | 'roles')[]; changedAt: string },
  Personal
>;
export type ContactEmailVerificationRequested = DomainEvent<
  'ContactEmailVerificationRequested',
  { accountId: string; contactId: string; requestedAt: string } & PendingVerification,
  null
>;
export type ContactEmailVerified = DomainEvent<'ContactEmailVerified', { accountId: string; contactId: string; verifiedAt: string }, null>;
/** The contact's key is destroyed after this event: its earlier events stay in the ledger, unreadable. */
export type ContactRemoved = DomainEvent<'ContactRemoved', { accountId: string; contactId: string; removedAt: string }, null>;

export type ContactEvent = ContactAdded | ContactChanged | ContactEmailVerificationRequested | ContactEmailVerified | ContactRemoved;

/** Every contact person is a subject of its own, in the keyring of its account. */
export { contactSubject } from '@privacy-ledger/contracts';
