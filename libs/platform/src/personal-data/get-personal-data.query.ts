import { Query } from '@nestjs/cqrs';
import type { PersonalData } from './personal-data';

/**
 * Why the account's part is asked for: to be shown to the customer or the privacy officer (P15), or to be counted
 * for an auditor re-checking an erasure, who sees no value but must see every sealed part, shown or not.
 */
export type PersonalDataPurpose = 'subject-access' | 'erasure-check';

/** Everything the service holds of one account (P15); each service answers it with a handler naming the account's streams. */
export class GetPersonalDataQuery extends Query<PersonalData> {
  constructor(
    readonly accountId: string,
    readonly purpose: PersonalDataPurpose = 'subject-access',
  ) {
    super();
  }
}
