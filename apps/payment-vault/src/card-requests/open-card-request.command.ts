import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { CardRequestView } from './card-request-list.projection';
import type { Amount, RequestChannel, RequestKind } from './card-requests.events';

/** P9: a customer's request to add, edit, delete or charge a card; staff record one with the channel it came by. */
export class OpenCardRequestCommand extends Command<CardRequestView> {
  constructor(
    readonly accountId: string,
    readonly requestId: string,
    readonly request: { kind: RequestKind; cardId: string | null; amount: Amount | null; channel: RequestChannel },
    readonly context: CommandContext,
  ) {
    super();
  }
}
