import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SubjectRecord } from '@privacy-ledger/ledger';
import { GetPersonalDataQuery, PersonalDataExporter, type PersonalData, type PersonalDataRecord } from '@privacy-ledger/platform';
import { accountClosureAggregate } from '../closures/account-closure.decider';

/** What retention holds of an account: its closures and reactivations, with their erasures' times (nothing sealed). */
@QueryHandler(GetPersonalDataQuery)
export class GetPersonalDataHandler implements IQueryHandler<GetPersonalDataQuery> {
  constructor(private readonly exporter: PersonalDataExporter) {}

  execute({ accountId }: GetPersonalDataQuery): Promise<PersonalData> {
    return this.exporter.export(accountId, {
      streams: async () => [{ aggregate: accountClosureAggregate, id: accountId }],
      present: withoutErasureId,
    });
  }
}

/** What opens an erasure to whoever holds it: its id, and its certificate, which names it. */
const CAPABILITIES = ['erasureId', 'certificate'];

/**
 * An erasure id opens the erasure's state to whoever holds it, and was given to its requester alone: an export, which
 * may be passed on, never carries it, nor the certificate that names it.
 */
function withoutErasureId(record: SubjectRecord): PersonalDataRecord {
  const withheld = CAPABILITIES.filter((field) => field in record.data);
  if (withheld.length === 0) return record;
  const data = Object.fromEntries(Object.entries(record.data).filter(([field]) => !CAPABILITIES.includes(field)));
  return { ...record, data, withheld };
}
