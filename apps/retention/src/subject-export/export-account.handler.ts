import { HttpException, Inject, ServiceUnavailableException } from '@nestjs/common';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { GetPersonalDataQuery } from '@privacy-ledger/platform';
import { ExportAccountQuery } from './export-account.query';
import { ServiceParts, type Gathered } from './service-parts';
import { GATHERED_SERVICES, subjectExport, type SubjectExport } from './subject-export';

/**
 * One document from every service's part, or none: a service that does not answer makes the export a 503 naming
 * it, never a document that claims to be whole without it. A service refusing the caller is relayed (a 404 from
 * identity: no such account).
 */
@QueryHandler(ExportAccountQuery)
export class ExportAccountHandler implements IQueryHandler<ExportAccountQuery> {
  constructor(
    private readonly parts: ServiceParts,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ExportAccountQuery): Promise<SubjectExport> {
    const [gathered, retention] = await Promise.all([
      Promise.all(GATHERED_SERVICES.map((service) => this.parts.of(service, query))),
      this.queries.execute(new GetPersonalDataQuery(query.accountId)),
    ]);
    refuseIncomplete(gathered);
    const parts = Object.fromEntries(gathered.map((answer) => [answer.service, 'part' in answer ? answer.part : null]));
    return subjectExport(query.accountId, this.clock.now().toISOString(), { ...parts, retention } as SubjectExport['services']);
  }
}

function refuseIncomplete(gathered: readonly Gathered[]): void {
  const unavailable = gathered.filter((answer) => 'unavailable' in answer).map((answer) => answer.service);
  if (unavailable.length > 0)
    throw new ServiceUnavailableException(`the export is incomplete: ${unavailable.join(', ')} did not answer; ask again later`);
  for (const answer of gathered)
    if ('refused' in answer) throw new HttpException(`${answer.service}: ${answer.refused.message}`, answer.refused.status);
}
