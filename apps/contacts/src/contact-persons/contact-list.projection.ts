import { storedSealedPartOf, unknownEvent, type JsonObject, type StoredSealedPart } from '@privacy-ledger/ledger';
import type { Projection } from '@privacy-ledger/projections';
import type { ContactEvent, ContactRole } from './contacts.events';
import { erasedWithAccount } from '@privacy-ledger/platform';

export const CONTACT_LIST = 'contacts';

/** A contact as its read model keeps it: ids, roles and state in clear, its details only sealed. */
export interface ContactListEntry extends JsonObject {
  contactId: string;
  accountId: string;
  roles: ContactRole[];
  primary: boolean;
  emailVerified: boolean;
  /** The latest sealed details, as the ledger holds them, with the place they open in: unreadable once the contact's key is gone. */
  sealed: StoredSealedPart | null;
}

const HANDLED = new Set<string>([
  'ContactAdded',
  'ContactChanged',
  'ContactEmailVerified',
  'ContactRemoved',
] satisfies ContactEvent['type'][]);

/** Each account's contacts; a removed contact's entry is deleted. */
export const contactListProjection: Projection<ContactListEntry> = {
  name: 'contacts-contact-list',
  collection: CONTACT_LIST,
  forgets: erasedWithAccount('accountId'),
  canHandle: (event) => HANDLED.has(event.type),
  documentId: (event) => (event.data as ContactEvent['data']).contactId,
  evolve(current, recorded) {
    const event = { type: recorded.type, data: recorded.data } as ContactEvent;
    switch (event.type) {
      case 'ContactAdded': {
        const { contactId, accountId, roles, primary } = event.data;
        return { contactId, accountId, roles, primary, emailVerified: false, sealed: storedSealedPartOf(recorded) };
      }
      case 'ContactChanged':
        return (
          current && {
            ...current,
            roles: event.data.roles,
            emailVerified: current.emailVerified && !event.data.fields.includes('email'),
            sealed: storedSealedPartOf(recorded),
          }
        );
      case 'ContactEmailVerified':
        return current && { ...current, emailVerified: true };
      case 'ContactRemoved':
        return null;
      case 'ContactEmailVerificationRequested':
        return current;
      default:
        return unknownEvent(event, current);
    }
  },
};
