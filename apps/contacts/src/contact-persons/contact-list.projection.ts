import type { JsonObject } from '@privacy-ledger/ledger';
import type { Projection } from '@privacy-ledger/projections';
import type { ContactEvent, ContactRole } from './contact.events';

export const CONTACT_LIST = 'contacts';

/** A contact as its read model keeps it: ids, roles and state in clear, its details only sealed. */
export interface ContactListEntry extends JsonObject {
  contactId: string;
  accountId: string;
  roles: ContactRole[];
  primary: boolean;
  emailVerified: boolean;
  /** The latest sealed details (base64), as the ledger holds them: unreadable once the contact's key is gone. */
  sealed: string | null;
}

const HANDLED = new Set<string>(['ContactAdded', 'ContactChanged', 'ContactEmailVerified', 'ContactRemoved'] satisfies ContactEvent['type'][]);

const sealedOf = (personal: Uint8Array | null) => (personal ? Buffer.from(personal).toString('base64') : null);

/** Each account's contacts; a removed contact's entry is deleted. */
export const contactListProjection: Projection = {
  name: 'contacts-contact-list',
  collections: [CONTACT_LIST],
  async apply(recorded, readModel) {
    if (!HANDLED.has(recorded.type)) return;
    const event = { type: recorded.type, data: recorded.data } as ContactEvent;
    const { contactId } = event.data;
    const current = await readModel.get<ContactListEntry>(CONTACT_LIST, contactId);
    switch (event.type) {
      case 'ContactAdded': {
        const { accountId, roles, primary } = event.data;
        return readModel.put(CONTACT_LIST, contactId, { contactId, accountId, roles, primary, emailVerified: false, sealed: sealedOf(recorded.personal) });
      }
      case 'ContactChanged':
        if (!current) return;
        return readModel.put(CONTACT_LIST, contactId, {
          ...current,
          roles: event.data.roles,
          emailVerified: current.emailVerified && !event.data.fields.includes('email'),
          sealed: sealedOf(recorded.personal),
        });
      case 'ContactEmailVerified':
        if (!current) return;
        return readModel.put(CONTACT_LIST, contactId, { ...current, emailVerified: true });
      case 'ContactRemoved':
        return readModel.delete(CONTACT_LIST, contactId);
    }
  },
};
