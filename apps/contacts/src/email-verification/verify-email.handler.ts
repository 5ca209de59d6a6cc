import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ContactWrites } from '../contact-persons/contact-writes';
import { VerifyEmailCommand } from './verify-email.command';

@CommandHandler(VerifyEmailCommand)
export class VerifyEmailHandler implements ICommandHandler<VerifyEmailCommand> {
  constructor(private readonly contacts: ContactWrites) {}

  async execute({ accountId, contactId, tokenHash, context }: VerifyEmailCommand): Promise<void> {
    await this.contacts.handle(accountId, { type: 'VerifyEmail', contactId, tokenHash, at: context.occurredAt }, context);
  }
}
