import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { accountAggregate } from './account.decider';
import { accountView, type AccountView } from './account-view';
import { GetAccountQuery } from './get-account.query';

/** The account as its stream has it now, decrypted. */
@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(private readonly writes: WritePath) {}

  async execute({ accountId }: GetAccountQuery): Promise<AccountView> {
    const { state, revision } = await this.writes.load(accountAggregate, accountId);
    return accountView(accountId, state, revision);
  }
}
