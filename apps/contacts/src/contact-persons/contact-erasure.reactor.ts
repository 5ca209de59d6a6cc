import { Inject, Injectable } from '@nestjs/common';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import type { RecordedEvent } from '@privacy-ledger/ledger';
import type { Reactor } from '@privacy-ledger/projections';
import { contactSubject, type ContactRemoved } from './contacts.events';

/**
 * Makes sure every removed contact's key is destroyed, also when the process that removed it stopped
 * between the event and the destruction. Destroying a destroyed key again changes nothing.
 */
@Injectable()
export class ContactErasureReactor implements Reactor {
  readonly name = 'contacts-contact-erasure';

  constructor(@Inject(KEYRING) private readonly keyring: Keyring) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'ContactRemoved') return;
    const { contactId, accountId } = event.data as ContactRemoved['data'];
    const subject = contactSubject(contactId, accountId);
    await this.keyring.destroy(subject.subjectId, subject.accountId);
  }
}
