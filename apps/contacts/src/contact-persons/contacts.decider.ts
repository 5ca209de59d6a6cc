import {
  DomainRuleViolation,
  isShredded,
  unknownCommand,
  unknownEvent,
  type Aggregate,
  type Decider,
  type Shredded,
} from '@privacy-ledger/ledger';
import {
  CONTACT_ROLES,
  contactSubject,
  type ContactDetails,
  type ContactEvent,
  type ContactRole,
  type PendingVerification,
} from './contacts.events';

export interface ContactState {
  readonly contactId: string;
  readonly roles: readonly ContactRole[];
  readonly primary: boolean;
  readonly details: ContactDetails | Shredded;
  readonly emailVerified: boolean;
  readonly pending: PendingVerification | null;
}

/** One account's contact persons: one stream, so the P5 rule sees every contact at once. */
export interface ContactsState {
  readonly accountId: string | null;
  readonly primaryCreated: boolean;
  readonly contacts: Readonly<Record<string, ContactState>>;
}

export type ContactChanges = Partial<ContactDetails> & { readonly roles?: readonly ContactRole[] };

export type ContactsCommand =
  | {
      type: 'CreatePrimaryContact';
      accountId: string;
      contactId: string;
      details: ContactDetails;
      verification: PendingVerification;
      at: string;
    }
  | {
      type: 'AddContact';
      accountId: string;
      contactId: string;
      details: ContactDetails;
      roles: readonly ContactRole[];
      verification: PendingVerification;
      at: string;
    }
  | { type: 'ChangeContact'; contactId: string; changes: ContactChanges; verification: PendingVerification; at: string }
  | { type: 'RemoveContact'; contactId: string; at: string }
  | { type: 'RequestEmailVerification'; contactId: string; verification: PendingVerification; at: string }
  | { type: 'VerifyEmail'; contactId: string; tokenHash: string; at: string };

const holdsAllRoles = (contact: ContactState) => CONTACT_ROLES.every((role) => contact.roles.includes(role));

/**
 * P5 as a level the account must never fall from: 2 with a contact holding all roles and a verified
 * e-mail (a working contact), 1 with a contact holding all roles, 0 without (only before signup completes).
 */
export function reachability(state: ContactsState): 0 | 1 | 2 {
  const fullRole = Object.values(state.contacts).filter(holdsAllRoles);
  if (fullRole.some((contact) => contact.emailVerified)) return 2;
  return fullRole.length > 0 ? 1 : 0;
}

const FALLS_TO = {
  1: 'the account must keep a contact person who holds all roles and has a verified e-mail address: add one and verify their e-mail first',
  0: `the account must keep a contact person who holds all roles (${CONTACT_ROLES.join(', ')})`,
} as const;

function existing(state: ContactsState, contactId: string): ContactState & { details: ContactDetails } {
  const contact = state.contacts[contactId];
  if (!contact) throw new DomainRuleViolation('not_found', 'no such contact');
  if (isShredded(contact.details)) throw new DomainRuleViolation('conflict', 'the data of this contact was erased');
  return contact as ContactState & { details: ContactDetails };
}

function decideUnguarded(command: ContactsCommand, state: ContactsState): ContactEvent[] {
  const requested = (accountId: string, contactId: string, verification: PendingVerification, at: string): ContactEvent => ({
    type: 'ContactEmailVerificationRequested',
    data: { accountId, contactId, requestedAt: at, ...verification },
    personal: null,
  });
  switch (command.type) {
    case 'CreatePrimaryContact': {
      if (state.primaryCreated) return [];
      const { accountId, contactId, details, verification, at } = command;
      return [
        { type: 'ContactAdded', data: { accountId, contactId, roles: [...CONTACT_ROLES], primary: true, addedAt: at }, personal: details },
        requested(accountId, contactId, verification, at),
      ];
    }
    case 'AddContact': {
      const { accountId, contactId, details, roles, verification, at } = command;
      if (state.contacts[contactId]) throw new DomainRuleViolation('conflict', 'this contact already exists');
      return [
        { type: 'ContactAdded', data: { accountId, contactId, roles: [...roles], primary: false, addedAt: at }, personal: details },
        requested(accountId, contactId, verification, at),
      ];
    }
    case 'ChangeContact': {
      const contact = existing(state, command.contactId);
      const { roles = contact.roles, ...changes } = command.changes;
      const details: ContactDetails = { ...contact.details, ...changes };
      const fields = [
        ...(['name', 'email', 'phones', 'fax'] as const).filter(
          (field) => JSON.stringify(details[field]) !== JSON.stringify(contact.details[field]),
        ),
        ...(JSON.stringify([...roles].sort()) !== JSON.stringify([...contact.roles].sort()) ? (['roles'] as const) : []),
      ];
      if (fields.length === 0) return [];
      const accountId = state.accountId!;
      const changed: ContactEvent = {
        type: 'ContactChanged',
        data: { accountId, contactId: contact.contactId, roles: [...roles], fields, changedAt: command.at },
        personal: details,
      };
      return fields.includes('email') ? [changed, requested(accountId, contact.contactId, command.verification, command.at)] : [changed];
    }
    case 'RemoveContact': {
      const contact = state.contacts[command.contactId];
      if (!contact) throw new DomainRuleViolation('not_found', 'no such contact');
      return [
        {
          type: 'ContactRemoved',
          data: { accountId: state.accountId!, contactId: contact.contactId, removedAt: command.at },
          personal: null,
        },
      ];
    }
    case 'RequestEmailVerification': {
      const contact = existing(state, command.contactId);
      if (contact.emailVerified) throw new DomainRuleViolation('conflict', 'this e-mail address is already verified');
      return [requested(state.accountId!, contact.contactId, command.verification, command.at)];
    }
    case 'VerifyEmail': {
      const contact = state.contacts[command.contactId];
      const pending = contact?.pending;
      if (!contact || !pending || pending.tokenHash !== command.tokenHash) {
        throw new DomainRuleViolation(
          'invalid',
          'this verification link is not valid: it may have been used already, or replaced by a newer one',
        );
      }
      if (pending.expiresAt <= command.at)
        throw new DomainRuleViolation('invalid', 'this verification link has expired: ask for a new one');
      return [
        {
          type: 'ContactEmailVerified',
          data: { accountId: state.accountId!, contactId: contact.contactId, verifiedAt: command.at },
          personal: null,
        },
      ];
    }
    default:
      return unknownCommand(command);
  }
}

function evolve(state: ContactsState, event: ContactEvent): ContactsState {
  const { contactId } = event.data;
  const contact = state.contacts[contactId];
  const withContact = (next: ContactState) => ({ ...state, contacts: { ...state.contacts, [contactId]: next } });
  switch (event.type) {
    case 'ContactAdded': {
      const { roles, primary } = event.data;
      return {
        accountId: event.data.accountId,
        primaryCreated: state.primaryCreated || primary,
        contacts: {
          ...state.contacts,
          [contactId]: { contactId, roles, primary, details: event.personal, emailVerified: false, pending: null },
        },
      };
    }
    case 'ContactChanged': {
      if (!contact) return state;
      const emailChanged = event.data.fields.includes('email');
      return withContact({
        ...contact,
        roles: event.data.roles,
        details: event.personal,
        emailVerified: contact.emailVerified && !emailChanged,
        pending: emailChanged ? null : contact.pending,
      });
    }
    case 'ContactEmailVerificationRequested':
      return contact ? withContact({ ...contact, pending: { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt } }) : state;
    case 'ContactEmailVerified':
      return contact ? withContact({ ...contact, emailVerified: true, pending: null }) : state;
    case 'ContactRemoved': {
      const { [contactId]: _removed, ...rest } = state.contacts;
      return { ...state, contacts: rest };
    }
    default:
      return unknownEvent(event, state);
  }
}

export const contactsDecider: Decider<ContactsCommand, ContactsState, ContactEvent> = {
  initialState: { accountId: null, primaryCreated: false, contacts: {} },
  /** Every command is held to P5: it may not leave the account less reachable than it was. */
  decide(command, state) {
    const events = decideUnguarded(command, state);
    const before = reachability(state);
    const after = reachability(events.reduce(evolve, state));
    if (after < before) throw new DomainRuleViolation('conflict', FALLS_TO[after as 0 | 1]);
    return events;
  },
  evolve,
};

export const contactsAggregate: Aggregate<ContactsCommand, ContactsState, ContactEvent> = {
  name: 'account-contacts',
  eventTypes: ['ContactAdded', 'ContactChanged', 'ContactEmailVerificationRequested', 'ContactEmailVerified', 'ContactRemoved'],
  decider: contactsDecider,
  subjectOf: (event) => contactSubject(event.data.contactId, event.data.accountId),
};
