import { Query } from '@nestjs/cqrs';
import type { PersonalData } from './personal-data';

/** Everything the service holds of one account (P15); each service answers it with a handler naming the account's streams. */
export class GetPersonalDataQuery extends Query<PersonalData> {
  constructor(readonly accountId: string) {
    super();
  }
}
