import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';

/** A new verification link to the contact's current address. */
export class RequestEmailVerificationCommand extends Command<void> {
  constructor(
    readonly accountId: string,
    readonly contactId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
