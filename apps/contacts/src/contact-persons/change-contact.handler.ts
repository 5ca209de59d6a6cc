import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newVerificationToken } from '../email-verification/verification-link';
import { ChangeContactCommand } from './change-contact.command';
import { ContactWrites } from './contact-writes';
import type { ContactView } from './contact-view';

@CommandHandler(ChangeContactCommand)
export class ChangeContactHandler implements ICommandHandler<ChangeContactCommand> {
  constructor(private readonly contacts: ContactWrites) {}

  execute({ accountId, contactId, changes, context }: ChangeContactCommand): Promise<ContactView> {
    const { token, pending } = newVerificationToken(context.occurredAt);
    const command = { type: 'ChangeContact' as const, contactId, changes, verification: pending, at: context.occurredAt };
    return this.contacts.handleForContact(accountId, contactId, command, context, token);
  }
}
