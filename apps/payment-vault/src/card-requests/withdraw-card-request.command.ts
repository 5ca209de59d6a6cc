import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';

/** The customer takes an open request back: no staff member may act on it any more. */
export class WithdrawCardRequestCommand extends Command<void> {
  constructor(
    readonly accountId: string,
    readonly requestId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
