import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  contactSubject,
  IDENTITY_ACCOUNT_STREAM,
  PRIMARY_CONTACT_SUBMITTED,
  type PrimaryContactSubmittedData,
} from '@privacy-ledger/contracts';
import type { SubjectStream } from '@privacy-ledger/ledger';
import { GetPersonalDataQuery, PersonalDataExporter, type PersonalData } from '@privacy-ledger/platform';
import { contactsAggregate } from '../contact-persons/contacts.decider';

/** Identity's account stream as far as contacts reads it: the signup's contact person, handed over under a key contacts keeps. */
const handOver = {
  name: IDENTITY_ACCOUNT_STREAM,
  subjectOf: (event: { data: PrimaryContactSubmittedData }) => contactSubject(event.data.contactId, event.data.accountId),
};

/**
 * What contacts holds of an account: every contact person it had, removed ones included (their parts shredded),
 * and the hand-over it made the primary contact from. An account without contacts has none: an empty answer, not a 404.
 */
@QueryHandler(GetPersonalDataQuery)
export class GetPersonalDataHandler implements IQueryHandler<GetPersonalDataQuery> {
  constructor(private readonly exporter: PersonalDataExporter) {}

  execute({ accountId }: GetPersonalDataQuery): Promise<PersonalData> {
    const streams: SubjectStream[] = [
      { aggregate: handOver, id: accountId, concerns: (event) => event.type === PRIMARY_CONTACT_SUBMITTED },
      { aggregate: contactsAggregate, id: accountId },
    ];
    return this.exporter.export(accountId, { streams: async () => streams });
  }
}
