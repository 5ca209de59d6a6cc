import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newVerificationToken } from '../email-verification/verification-link';
import { ContactWrites } from './contact-writes';
import { RequestEmailVerificationCommand } from './request-email-verification.command';

@CommandHandler(RequestEmailVerificationCommand)
export class RequestEmailVerificationHandler implements ICommandHandler<RequestEmailVerificationCommand> {
  constructor(private readonly contacts: ContactWrites) {}

  async execute({ accountId, contactId, context }: RequestEmailVerificationCommand): Promise<void> {
    const { token, pending } = newVerificationToken(context.occurredAt);
    const command = { type: 'RequestEmailVerification' as const, contactId, verification: pending, at: context.occurredAt };
    await this.contacts.handleForContact(accountId, contactId, command, context, token);
  }
}
