import { Inject, ServiceUnavailableException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@privacy-ledger/ledger';
import { READ_MODELS, showsEverythingCommitted, type ReadModels } from '@privacy-ledger/projections';
import { CARD_ACCESS_LOG, cardAccessLogProjection, type CardAccessEntry } from './card-access-log.projection';
import { ListCardAccessLogQuery } from './list-card-access-log.query';

const LIMIT = 10_000;

/** An auditor gets the whole log up to now, or a 503: never a log that silently misses the latest uses. */
@QueryHandler(ListCardAccessLogQuery)
export class ListCardAccessLogHandler implements IQueryHandler<ListCardAccessLogQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ of }: ListCardAccessLogQuery): Promise<{ entries: CardAccessEntry[] }> {
    if (!(await showsEverythingCommitted(this.events, this.readModels, cardAccessLogProjection.name)))
      throw new ServiceUnavailableException('the card access log is behind the ledger: see /health, and ask again');
    const entries = await this.readModels.list<CardAccessEntry>(CARD_ACCESS_LOG, { where: { ...of }, limit: LIMIT });
    return { entries: entries.sort((a, b) => a.position - b.position) };
  }
}
