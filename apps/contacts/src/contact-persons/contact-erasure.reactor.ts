import { keyErasureReactor } from '@privacy-ledger/platform';
import { contactSubject, type ContactRemoved } from './contacts.events';

/** Every removed contact's key is destroyed, also when the process that removed it stopped in between. */
export const ContactErasureReactor = keyErasureReactor<ContactRemoved['data']>('contacts-contact-erasure', 'ContactRemoved', (data) =>
  contactSubject(data.contactId, data.accountId),
);
