import { createHash } from 'node:crypto';

/**
 * Identity's hand-over of the contact person given at signup to contacts (schema version 1). Its personal
 * part is sealed under the primary contact's own key, kept by contacts: contacts can open it, identity
 * cannot once it is written, and nothing else of the signup (user name, password hash, address) is in it.
 */
export const PRIMARY_CONTACT_SUBMITTED = 'PrimaryContactSubmitted';
export const CONTACTS_SERVICE = 'contacts';
/** Identity appends it to the account's own stream, `account-<accountId>`: where contacts finds it again for the account's export. */
export const IDENTITY_ACCOUNT_STREAM = 'account';

export interface PrimaryContactSubmittedData {
  readonly accountId: string;
  readonly contactId: string;
  readonly submittedAt: string;
}

export interface PrimaryContactDetails {
  readonly name: string;
  readonly email: string;
  /** International form, e.g. +31201234567. */
  readonly phone?: string;
}

/** The same account always gets the same primary contact id, so seeing its signup again changes nothing. */
export function primaryContactId(accountId: string): string {
  const hex = createHash('sha256').update(`primary-contact:${accountId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A contact person is a subject of its own, in its account's keyring, kept by contacts. */
export const contactSubject = (contactId: string, accountId: string) => ({
  subjectId: `contact-${contactId}`,
  accountId,
  keptBy: CONTACTS_SERVICE,
});
