import type { AccountKind, ContactDetails } from './account.events';

/** Which contact fields each kind of account has (P1): an individual gives address and phone, a company its name. */
const FIELDS_OF: Record<AccountKind, readonly (keyof ContactDetails)[]> = {
  individual: ['name', 'email', 'address', 'phone'],
  company: ['name', 'email', 'companyName'],
};

const CONTACT_FIELDS: readonly (keyof ContactDetails)[] = ['name', 'email', 'address', 'phone', 'companyName'];

const AN_ACCOUNT_OF: Record<AccountKind, string> = { individual: 'an individual account', company: 'a company account' };

export function isAccountKind(value: unknown): value is AccountKind {
  return typeof value === 'string' && Object.hasOwn(FIELDS_OF, value);
}

/** Contact fields given that the kind of account does not have. */
export function foreignTo(kind: AccountKind, details: Partial<ContactDetails>): string[] {
  return CONTACT_FIELDS.filter((field) => details[field] !== undefined && !FIELDS_OF[kind].includes(field)).map(
    (field) => `${field} does not apply to ${AN_ACCOUNT_OF[kind]}`,
  );
}

/** Whether an account of this kind has the contact field. */
export const hasField = (kind: AccountKind, field: keyof ContactDetails) => FIELDS_OF[kind].includes(field);

/** The fields every account has: their own rules name them when left out. */
const EVERY_ACCOUNTS: readonly (keyof ContactDetails)[] = ['name', 'email'];

/** Everything wrong with a new account's contact fields for its kind: what is missing and what does not belong. */
export function problemsOfNewAccount(kind: AccountKind, details: Partial<ContactDetails>): string[] {
  return [...missingOf(kind, details, FIELDS_OF[kind]), ...foreignTo(kind, details)];
}

/** What the kind alone makes wrong: a field only that kind has left out, or a field it does not have given. */
export function problemsOfKind(kind: AccountKind, details: Partial<ContactDetails>): string[] {
  const ofTheKind = FIELDS_OF[kind].filter((field) => !EVERY_ACCOUNTS.includes(field));
  return [...missingOf(kind, details, ofTheKind), ...foreignTo(kind, details)];
}

function missingOf(kind: AccountKind, details: Partial<ContactDetails>, fields: readonly (keyof ContactDetails)[]): string[] {
  return fields.filter((field) => details[field] === undefined).map((field) => `${field} is required for ${AN_ACCOUNT_OF[kind]}`);
}
