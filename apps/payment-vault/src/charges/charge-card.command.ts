import { Command } from '@nestjs/cqrs';
import type { Principal } from '@privacy-ledger/auth';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { ChargeView } from './charge-view';

/** A card custodian charges a card the amount a customer's open charge request names (P9). */
export class ChargeCardCommand extends Command<ChargeView> {
  constructor(
    readonly accountId: string,
    readonly cardId: string,
    readonly requestId: string,
    readonly idempotencyKey: string,
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {
    super();
  }
}
