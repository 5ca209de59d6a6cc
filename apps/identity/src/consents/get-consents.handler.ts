import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { consentsAggregate } from './consents.decider';
import { consentsView, type ConsentsView } from './consents-view';
import { GetConsentsQuery } from './get-consents.query';

@QueryHandler(GetConsentsQuery)
export class GetConsentsHandler implements IQueryHandler<GetConsentsQuery> {
  constructor(private readonly writes: WritePath) {}

  async execute({ accountId }: GetConsentsQuery): Promise<ConsentsView> {
    return consentsView((await this.writes.load(consentsAggregate, accountId)).state);
  }
}
