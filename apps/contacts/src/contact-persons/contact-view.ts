import type { ContactDetails, ContactRole } from './contacts.events';

export interface ContactView extends ContactDetails {
  readonly id: string;
  readonly roles: readonly ContactRole[];
  readonly primary: boolean;
  readonly emailVerified: boolean;
}

export function contactView(
  id: string,
  state: { roles: readonly ContactRole[]; primary: boolean; emailVerified: boolean },
  details: ContactDetails,
): ContactView {
  const { name, email, phones, fax } = details;
  return { id, name, email, roles: state.roles, phones, fax, primary: state.primary, emailVerified: state.emailVerified };
}
