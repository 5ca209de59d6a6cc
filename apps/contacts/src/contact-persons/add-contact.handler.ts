import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newVerificationToken } from '../email-verification/verification-link';
import { AddContactCommand } from './add-contact.command';
import { ContactWrites } from './contact-writes';
import type { ContactView } from './contact-view';

@CommandHandler(AddContactCommand)
export class AddContactHandler implements ICommandHandler<AddContactCommand> {
  constructor(private readonly contacts: ContactWrites) {}

  execute({ accountId, contactId, contact, context }: AddContactCommand): Promise<ContactView> {
    const { token, pending } = newVerificationToken(context.occurredAt);
    const { roles, ...details } = contact;
    const command = { type: 'AddContact' as const, accountId, contactId, details, roles, verification: pending, at: context.occurredAt };
    return this.contacts.handleForContact(accountId, contactId, command, context, token);
  }
}
