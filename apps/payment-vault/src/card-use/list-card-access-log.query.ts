import { Query } from '@nestjs/cqrs';
import type { CardAccessEntry } from './card-access-log.projection';

/** The access log of one card, or of one staff member. */
export class ListCardAccessLogQuery extends Query<{ entries: CardAccessEntry[] }> {
  constructor(readonly of: { readonly cardId: string } | { readonly staffId: string }) {
    super();
  }
}
