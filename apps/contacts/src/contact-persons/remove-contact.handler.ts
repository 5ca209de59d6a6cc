import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { ContactWrites } from './contact-writes';
import { contactSubject } from './contacts.events';
import { RemoveContactCommand } from './remove-contact.command';

/** The event, then the contact's key (the erasure reactor destroys it again if this process stops in between). */
@CommandHandler(RemoveContactCommand)
export class RemoveContactHandler implements ICommandHandler<RemoveContactCommand> {
  constructor(
    private readonly contacts: ContactWrites,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async execute({ accountId, contactId, context }: RemoveContactCommand): Promise<void> {
    await this.contacts.handle(accountId, { type: 'RemoveContact', contactId, at: context.occurredAt }, context);
    const subject = contactSubject(contactId, accountId);
    await this.keyring.destroy(subject.subjectId, subject.accountId);
  }
}
