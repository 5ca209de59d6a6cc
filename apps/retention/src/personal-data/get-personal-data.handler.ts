import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetPersonalDataQuery, PersonalDataExporter, type PersonalData } from '@privacy-ledger/platform';
import { accountClosureAggregate } from '../closures/account-closure.decider';

/** What retention holds of an account: its closures and reactivations, with their erasures (ids and times, nothing sealed). */
@QueryHandler(GetPersonalDataQuery)
export class GetPersonalDataHandler implements IQueryHandler<GetPersonalDataQuery> {
  constructor(private readonly exporter: PersonalDataExporter) {}

  execute({ accountId }: GetPersonalDataQuery): Promise<PersonalData> {
    return this.exporter.export(accountId, { streams: async () => [{ aggregate: accountClosureAggregate, id: accountId }] });
  }
}
