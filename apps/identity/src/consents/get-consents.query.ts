import { Query } from '@nestjs/cqrs';
import type { ConsentsView } from './consents-view';

export class GetConsentsQuery extends Query<ConsentsView> {
  constructor(readonly accountId: string) {
    super();
  }
}
