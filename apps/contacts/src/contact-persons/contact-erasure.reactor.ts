import { Inject, Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import type { Reactor } from '@privacy-ledger/projections';
import type { ContactRemoved } from './contact.events';
import { contactSubject } from './contacts.repository';

/**
 * Makes sure every removed contact's key is destroyed, also when the process that removed it stopped
 * between the event and the destruction. Destroying a destroyed key again changes nothing.
 */
@Injectable()
export class ContactErasureReactor implements Reactor {
  readonly name = 'contacts-contact-erasure';

  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async react(event: RecordedEvent): Promise<void> {
    if (event.type !== 'ContactRemoved') return;
    const { contactId, accountId } = event.data as unknown as ContactRemoved['data'];
    const subject = contactSubject(contactId, accountId);
    await this.platform.keyring.destroy(subject.subjectId, subject.accountId);
  }
}
