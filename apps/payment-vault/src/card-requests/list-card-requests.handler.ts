import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEYRING, refuseErasedAccount, type Keyring } from '@privacy-ledger/keyring';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { CARD_REQUEST_LIST, type CardRequestView } from './card-request-list.projection';
import { ListCardRequestsQuery } from './list-card-requests.query';

@QueryHandler(ListCardRequestsQuery)
export class ListCardRequestsHandler implements IQueryHandler<ListCardRequestsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  /** An erased account is not found, rather than listed as one without requests. */
  async execute({ accountId }: ListCardRequestsQuery): Promise<{ requests: CardRequestView[] }> {
    await refuseErasedAccount(this.keyring, accountId);
    const requests = await this.readModels.list<CardRequestView>(CARD_REQUEST_LIST, { where: { accountId }, limit: 1000 });
    return { requests: requests.sort((a, b) => b.openedAt.localeCompare(a.openedAt) || a.id.localeCompare(b.id)) };
  }
}
