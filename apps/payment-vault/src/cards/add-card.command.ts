import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { CardView } from './card-view';
import type { CardDetails } from './cards.events';

/** P7: a card of the caller's account, stored sealed under a key of its own. */
export class AddCardCommand extends Command<CardView> {
  constructor(
    readonly accountId: string,
    readonly cardId: string,
    readonly card: CardDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}
