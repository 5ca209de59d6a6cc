import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';

/** P6: complete removal; the contact's key is destroyed. */
export class RemoveContactCommand extends Command<void> {
  constructor(
    readonly accountId: string,
    readonly contactId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
