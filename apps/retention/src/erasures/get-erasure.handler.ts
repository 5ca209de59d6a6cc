import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { WritePath } from '@privacy-ledger/ledger';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { standingHoldsOn } from '../legal-holds/legal-holds.decider';
import { ERASURES } from './erasure-list.projection';
import { asOf, type ErasureAnswer, type ErasureView } from './erasure-view';
import { GetErasureQuery } from './get-erasure.query';

@QueryHandler(GetErasureQuery)
export class GetErasureHandler implements IQueryHandler<GetErasureQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly writes: WritePath,
  ) {}

  async execute({ erasureId }: GetErasureQuery): Promise<ErasureAnswer> {
    const erasure = await this.readModels.get<ErasureView>(ERASURES, erasureId);
    if (!erasure) throw new NotFoundException('no such erasure');
    const holds = await standingHoldsOn(this.writes, erasure.accountId);
    return asOf(erasure, this.clock.now(), holds);
  }
}
