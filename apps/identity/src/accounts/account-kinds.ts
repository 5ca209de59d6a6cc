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

/** Everything wrong with a new account's contact fields for its kind: what is missing and what does not belong. */
export function problemsOfNewAccount(kind: AccountKind, details: Partial<ContactDetails>): string[] {
  const missing = FIELDS_OF[kind]
    .filter((field) => details[field] === undefined)
    .map((field) => `${field} is required for ${AN_ACCOUNT_OF[kind]}`);
  return [...missing, ...foreignTo(kind, details)];
}
