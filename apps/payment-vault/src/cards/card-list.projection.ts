import { storedSealedPartOf, unknownEvent, type JsonObject, type StoredSealedPart } from '@privacy-ledger/ledger';
import type { Projection } from '@privacy-ledger/projections';
import type { CardEvent } from './cards.events';
import { erasedWithAccount } from '@privacy-ledger/platform';

export const CARD_LIST = 'cards';

/** A card as its read model keeps it: ids in clear, its details only sealed. */
export interface CardListEntry extends JsonObject {
  cardId: string;
  accountId: string;
  version: number;
  /** The latest sealed details with the place they open in: unreadable once the card's key is gone. */
  sealed: StoredSealedPart | null;
}

/** Each account's cards; a deleted card's entry is deleted. */
export const cardListProjection: Projection<CardListEntry> = {
  name: 'payment-vault-card-list',
  collection: CARD_LIST,
  forgets: erasedWithAccount('accountId'),
  canHandle: (event) => ['CardAdded', 'CardChanged', 'CardDeleted'].includes(event.type),
  documentId: (event) => (event.data as CardEvent['data']).cardId,
  evolve(current, recorded) {
    const event = { type: recorded.type, data: recorded.data } as CardEvent;
    switch (event.type) {
      case 'CardAdded':
      case 'CardChanged': {
        const { cardId, accountId } = event.data;
        return { cardId, accountId, version: (current?.version ?? 0) + 1, sealed: storedSealedPartOf(recorded) };
      }
      case 'CardDeleted':
        return null;
      default:
        return unknownEvent(event, null);
    }
  },
};
