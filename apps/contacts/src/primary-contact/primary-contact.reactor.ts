import { Inject, Injectable } from '@nestjs/common';
import { PRIMARY_CONTACT_SUBMITTED, type PrimaryContactDetails, type PrimaryContactSubmittedData } from '@privacy-ledger/contracts';
import { KEYRING, SubjectErasedError, type Keyring } from '@privacy-ledger/keyring';
import { sealedPartOf, WritePath, type RecordedEvent } from '@privacy-ledger/ledger';
import { toInternationalPhone } from '@privacy-ledger/platform';
import type { Reactor } from '@privacy-ledger/projections';
import { contactsAggregate } from '../contact-persons/contacts.decider';
import { ContactWrites } from '../contact-persons/contact-writes';
import { newVerificationToken } from '../email-verification/verification-link';

/**
 * When identity opens an account, it hands the contact person over (sealed under the contact's own key,
 * kept by contacts): it becomes the account's primary contact, with every role, and gets a link to verify
 * the e-mail address (P4, P5).
 */
@Injectable()
export class PrimaryContactReactor implements Reactor {
  readonly name = 'contacts-primary-contact';

  constructor(
    @Inject(KEYRING) private readonly keyring: Keyring,
    private readonly writes: WritePath,
    private readonly contacts: ContactWrites,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const part = sealedPartOf(event);
    if (event.type !== PRIMARY_CONTACT_SUBMITTED || !part) return;
    const { accountId, contactId } = event.data as unknown as PrimaryContactSubmittedData;
    const signup = await this.keyring.decrypt<PrimaryContactDetails>(part);
    if (signup.status !== 'ok') return;
    const phone = toInternationalPhone(signup.value.phone);
    const details = { name: signup.value.name, email: signup.value.email, phones: phone ? [phone] : [], fax: null };
    const { token, pending } = newVerificationToken(event.metadata.occurredAt);
    const context = {
      correlationId: event.metadata.correlationId,
      causationId: event.eventId,
      actor: 'contacts',
      occurredAt: event.metadata.occurredAt,
    };
    try {
      const { events } = await this.writes.handle(
        contactsAggregate,
        accountId,
        { type: 'CreatePrimaryContact', accountId, contactId, details, verification: pending, at: event.metadata.occurredAt },
        context,
      );
      if (events.length > 0) await this.contacts.mailLink(details, { accountId, contactId }, token);
    } catch (error) {
      // The account was erased before its signup was seen here: there is no one to create.
      if (!(error instanceof SubjectErasedError)) throw error;
    }
  }
}
