import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { accountAggregate } from './account.decider';
import { type BillingDetails } from './account.events';
import { billingDetailsOf } from './billing-details';
import { GetBillingDetailsQuery } from './get-billing-details.query';

@QueryHandler(GetBillingDetailsQuery)
export class GetBillingDetailsHandler implements IQueryHandler<GetBillingDetailsQuery> {
  constructor(private readonly writes: WritePath) {}

  async execute({ accountId }: GetBillingDetailsQuery): Promise<BillingDetails> {
    return billingDetailsOf((await this.writes.load(accountAggregate, accountId)).state);
  }
}
