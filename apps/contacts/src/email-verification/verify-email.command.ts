import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';

/** The link in a verification mail was followed: the hash of its token. */
export class VerifyEmailCommand extends Command<void> {
  constructor(
    readonly accountId: string,
    readonly contactId: string,
    readonly tokenHash: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
