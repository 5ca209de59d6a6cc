import { Query } from '@nestjs/cqrs';
import type { BillingDetails } from './account.events';

export class GetBillingDetailsQuery extends Query<BillingDetails> {
  constructor(readonly accountId: string) {
    super();
  }
}
