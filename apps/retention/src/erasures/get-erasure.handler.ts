import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { ERASURES } from './erasure-list.projection';
import { asOf, type ErasureView } from './erasure-view';
import { GetErasureQuery } from './get-erasure.query';

@QueryHandler(GetErasureQuery)
export class GetErasureHandler implements IQueryHandler<GetErasureQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ erasureId }: GetErasureQuery): Promise<ErasureView> {
    const erasure = await this.readModels.get<ErasureView>(ERASURES, erasureId);
    if (!erasure) throw new NotFoundException('no such erasure');
    return asOf(erasure, this.clock.now());
  }
}
