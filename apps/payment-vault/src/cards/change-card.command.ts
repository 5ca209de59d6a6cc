import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { CardView } from './card-view';
import type { CardChanges } from './cards.decider';

/** P8: a new number or expiry for one of the caller's cards, made to the version the caller names. */
export class ChangeCardCommand extends Command<CardView> {
  constructor(
    readonly accountId: string,
    readonly cardId: string,
    readonly changes: CardChanges,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}
