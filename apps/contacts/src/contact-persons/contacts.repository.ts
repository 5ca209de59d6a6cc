import { Inject, Injectable } from '@nestjs/common';
import { AggregateRepository } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import type { ContactEvent } from './contact.events';
import { contactsDecider, type ContactsCommand, type ContactsState } from './contacts.decider';

export const contactsStream = (accountId: string) => `contacts-${accountId}`;
/** Every contact person is a subject of its own, in the keyring of its account. */
export const contactSubject = (contactId: string, accountId: string) => ({ subjectId: `contact-${contactId}`, accountId });

@Injectable()
export class ContactsRepository extends AggregateRepository<ContactsCommand, ContactsState, ContactEvent> {
  constructor(@Inject(PLATFORM) platform: Platform) {
    super(platform.events, platform.keyring, contactsDecider, (_stream, event) => contactSubject(event.data.contactId, event.data.accountId));
  }
}
