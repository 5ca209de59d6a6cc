import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';

/** P8: deletes a card for good: its key is destroyed, so every stored copy of it is unreadable. */
export class DeleteCardCommand extends Command<void> {
  constructor(
    readonly accountId: string,
    readonly cardId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
