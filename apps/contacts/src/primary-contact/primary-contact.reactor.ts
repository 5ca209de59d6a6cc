import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNT_OPENED, type AccountOpenedData, type ContactPersonDetails } from '@privacy-ledger/contracts';
import { KEYRING, SubjectErasedError, type Keyring } from '@privacy-ledger/keyring';
import { sealedPartOf, WritePath, type RecordedEvent } from '@privacy-ledger/ledger';
import { toInternationalPhone } from '@privacy-ledger/platform';
import type { Reactor } from '@privacy-ledger/projections';
import { contactsAggregate } from '../contact-persons/contacts.decider';
import { ContactWrites } from '../contact-persons/contact-writes';
import { newVerificationToken } from '../email-verification/verification-link';

/** The same account always gets the same primary contact id, so seeing its signup again changes nothing. */
function primaryContactId(accountId: string): string {
  const hex = createHash('sha256').update(`primary-contact:${accountId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * When identity opens an account, its contact person becomes the account's primary contact, with every
 * role and a key of its own, and gets a link to verify the e-mail address (P4, P5).
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
    if (event.type !== ACCOUNT_OPENED || !part) return;
    const { accountId } = event.data as unknown as AccountOpenedData;
    const signup = await this.keyring.decrypt<ContactPersonDetails>(part);
    if (signup.status !== 'ok') return;
    const contactId = primaryContactId(accountId);
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
