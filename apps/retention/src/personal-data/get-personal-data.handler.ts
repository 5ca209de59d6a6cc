import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SubjectRecord, SubjectStream } from '@privacy-ledger/ledger';
import { GetPersonalDataQuery, PersonalDataExporter, type PersonalData, type PersonalDataRecord } from '@privacy-ledger/platform';
import { listAll, READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { accountClosureAggregate } from '../closures/account-closure.decider';
import { DISCLOSURES, disclosureListProjection, type DisclosureEntry } from '../disclosures/disclosure-list.projection';
import { disclosureAggregate } from '../disclosures/disclosures.decider';
import { legalHoldsAggregate } from '../legal-holds/legal-holds.decider';

/**
 * What retention holds of an account: its closures and reactivations, with their erasures' times (nothing sealed),
 * and the disclosures of its data its customer may be told of (P13), recipient and reference opened. Disclosures the
 * law bars from notice, and legal holds (whether a court order's reference may be shown to whom it concerns is the
 * registers' own routes' to decide), are left out of an export; an erasure's check counts every one of them.
 */
@QueryHandler(GetPersonalDataQuery)
export class GetPersonalDataHandler implements IQueryHandler<GetPersonalDataQuery> {
  constructor(
    private readonly exporter: PersonalDataExporter,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  execute({ accountId, purpose }: GetPersonalDataQuery): Promise<PersonalData> {
    const counted = purpose === 'erasure-check';
    return this.exporter.export(accountId, {
      foundThrough: [disclosureListProjection.name],
      streams: async () => [
        { aggregate: accountClosureAggregate, id: accountId },
        ...(counted ? [{ aggregate: legalHoldsAggregate, id: accountId }] : []),
        ...(await this.disclosuresOf(accountId, counted ? {} : { barredFromNotice: false })),
      ],
      present: withoutErasureId,
    });
  }

  private async disclosuresOf(accountId: string, which: Partial<DisclosureEntry>): Promise<SubjectStream[]> {
    const disclosures = await listAll<DisclosureEntry>(this.readModels, DISCLOSURES, { ...which, accountId });
    return disclosures.map(({ disclosureId }) => ({ aggregate: disclosureAggregate, id: disclosureId }));
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
