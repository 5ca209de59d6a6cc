import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { BillingDetails } from './account.events';

export class ChangeBillingDetailsCommand extends Command<BillingDetails> {
  constructor(
    readonly accountId: string,
    readonly details: BillingDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}
