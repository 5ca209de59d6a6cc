import { Query } from '@nestjs/cqrs';
import type { CardView } from './card-view';

/** The caller's own cards, masked (P7). */
export class ListCardsQuery extends Query<{ cards: CardView[] }> {
  constructor(readonly accountId: string) {
    super();
  }
}
