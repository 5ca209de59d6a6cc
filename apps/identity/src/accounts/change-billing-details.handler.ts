import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { accountAggregate } from './account.decider';
import { type BillingDetails } from './account.events';
import { billingDetailsOf } from './billing-details';
import { ChangeBillingDetailsCommand } from './change-billing-details.command';

@CommandHandler(ChangeBillingDetailsCommand)
export class ChangeBillingDetailsHandler implements ICommandHandler<ChangeBillingDetailsCommand> {
  constructor(private readonly writes: WritePath) {}

  async execute({ accountId, details, context }: ChangeBillingDetailsCommand): Promise<BillingDetails> {
    const command = { type: 'ChangeBillingDetails' as const, details, at: context.occurredAt };
    return billingDetailsOf((await this.writes.handle(accountAggregate, accountId, command, context)).state);
  }
}
