import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import type { JsonObject } from '@privacy-ledger/ledger';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { openKeptParts } from '../opened-parts';
import { DISCLOSURES, type DisclosureEntry } from './disclosure-list.projection';
import { disclosureView, noticeOf, type DisclosureNotice, type DisclosurePage, type DisclosureView } from './disclosure-view';
import { ListDisclosuresQuery, type ListDisclosures } from './list-disclosures.query';

/** Which entries a scope reads. A customer's never include one barred from notice: the filter is here, not left to a caller. */
function whereOf(scope: ListDisclosures): JsonObject {
  if (scope.audience === 'customer') return { accountId: scope.accountId, barredFromNotice: false };
  return scope.accountId === null ? {} : { accountId: scope.accountId };
}

@QueryHandler(ListDisclosuresQuery)
export class ListDisclosuresHandler implements IQueryHandler<ListDisclosuresQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async execute({ scope, page }: ListDisclosuresQuery): Promise<DisclosurePage<DisclosureView | DisclosureNotice>> {
    const entries = await this.readModels.list<DisclosureEntry>(DISCLOSURES, { where: whereOf(scope), ...page });
    const opened = await openKeptParts<{ recipient: string; reference: string }>(
      this.keyring,
      entries.map(({ sealed, accountId }) => ({ part: sealed, accountId })),
    );
    const views = entries.map(({ sealed: _sealed, ...data }, index) => disclosureView(data, opened[index]));
    return { disclosures: scope.audience === 'customer' ? views.map(noticeOf) : views, ...page };
  }
}
