import { Command } from '@nestjs/cqrs';
import type { Principal } from '@privacy-ledger/auth';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { CardView } from '../cards/card-view';
import type { CardChanges } from '../cards/cards.decider';

/** A card custodian applies the edit a customer asked for (P9), naming the request, to the version they name. */
export class ApplyCardEditCommand extends Command<CardView> {
  constructor(
    readonly accountId: string,
    readonly cardId: string,
    readonly requestId: string,
    readonly changes: CardChanges,
    readonly expectedVersion: number,
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {
    super();
  }
}
