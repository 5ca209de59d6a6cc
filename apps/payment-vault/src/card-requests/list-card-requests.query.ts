import { Query } from '@nestjs/cqrs';
import type { CardRequestView } from './card-request-list.projection';

/** An account's card requests, newest first. */
export class ListCardRequestsQuery extends Query<{ requests: CardRequestView[] }> {
  constructor(readonly accountId: string) {
    super();
  }
}
