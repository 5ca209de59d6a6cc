import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEYRING, refuseErasedAccount, type Keyring } from '@privacy-ledger/keyring';
import { sealedPartFromStore } from '@privacy-ledger/ledger';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { CONTACT_LIST, type ContactListEntry } from './contact-list.projection';
import { contactView } from './contact-view';
import { CONTACT_ROLES, type ContactDetails } from './contacts.events';
import { ListContactsQuery, type ContactList } from './list-contacts.query';

/** From the read model, decrypted on the way out; a contact whose key is gone is left out, an erased account is not found. */
@QueryHandler(ListContactsQuery)
export class ListContactsHandler implements IQueryHandler<ListContactsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async execute({ accountId }: ListContactsQuery): Promise<ContactList> {
    await refuseErasedAccount(this.keyring, accountId);
    const entries = await this.readModels.list<ContactListEntry>(CONTACT_LIST, { where: { accountId }, limit: 1000 });
    const readable = entries.filter((entry) => entry.sealed !== null);
    const details = await this.keyring.decryptMany<ContactDetails>(readable.map((entry) => sealedPartFromStore(entry.sealed!, accountId)));
    const contacts = readable.flatMap((entry, index) => {
      const decrypted = details[index];
      return decrypted.status === 'ok' ? [contactView(entry.contactId, entry, decrypted.value)] : [];
    });
    contacts.sort((a, b) => Number(b.primary) - Number(a.primary) || a.name.localeCompare(b.name));
    const hasWorkingContact = entries.some((entry) => entry.emailVerified && CONTACT_ROLES.every((role) => entry.roles.includes(role)));
    return { hasWorkingContact, contacts };
  }
}
