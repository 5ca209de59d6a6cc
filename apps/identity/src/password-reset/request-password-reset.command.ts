import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';

/** P17: by user name or by the e-mail address on record, one of the two. */
export class RequestPasswordResetCommand extends Command<void> {
  constructor(
    readonly by: { readonly username?: string; readonly email?: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
