import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { WritePath } from '@privacy-ledger/ledger';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { standingHoldsOn } from '../legal-holds/legal-holds.decider';
import { ERASURES } from './erasure-list.projection';
import { asOf, type ErasureAnswer, type ErasureView } from './erasure-view';
import { ListAccountErasuresQuery } from './list-account-erasures.query';

@QueryHandler(ListAccountErasuresQuery)
export class ListAccountErasuresHandler implements IQueryHandler<ListAccountErasuresQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly writes: WritePath,
  ) {}

  async execute({ accountId }: ListAccountErasuresQuery): Promise<{ erasures: ErasureAnswer[] }> {
    const erasures = await this.readModels.list<ErasureView>(ERASURES, { where: { accountId } });
    const holds = await standingHoldsOn(this.writes, accountId);
    const now = this.clock.now();
    erasures.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
    return { erasures: erasures.map((erasure) => asOf(erasure, now, holds)) };
  }
}
