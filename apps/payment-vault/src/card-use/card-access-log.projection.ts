import { unknownEvent, type JsonObject, type RecordedEvent } from '@privacy-ledger/ledger';
import type { Projection } from '@privacy-ledger/projections';
import type { CardChargeStarted } from '../card-requests/card-requests.events';
import type { CardChanged } from '../cards/cards.events';
import type { CardUseRefused, UsePurpose } from './card-use.events';
import { erasedWithAccount } from '@privacy-ledger/platform';

export const CARD_ACCESS_LOG = 'card-access-log';

/** One staff use of a card, let through or refused (PCI DSS 10.2): who, when, which card, on which request, for what. */
export interface CardAccessEntry extends JsonObject {
  id: string;
  /** The ledger position of the event: the log's order, also between entries of the same millisecond. */
  position: number;
  at: string;
  staffId: string;
  accountId: string;
  cardId: string;
  requestId: string | null;
  purpose: UsePurpose;
  outcome: 'used' | 'refused';
  /** Why a use was refused. */
  reason: string | null;
  /** The charge a use for a charge made. */
  chargeId: string | null;
}

type AccessEvent = CardChargeStarted | CardChanged | CardUseRefused;

function entryOf(event: AccessEvent, { id, position }: { id: string; position: number }): CardAccessEntry | null {
  switch (event.type) {
    case 'CardChargeStarted': {
      const { staffId, accountId, cardId, requestId, chargeId, startedAt } = event.data;
      return {
        id,
        position,
        at: startedAt,
        staffId,
        accountId,
        cardId,
        requestId,
        purpose: 'charge',
        outcome: 'used',
        reason: null,
        chargeId,
      };
    }
    case 'CardChanged': {
      const { byCustodian, accountId, cardId, changedAt } = event.data;
      if (!byCustodian) return null;
      const { staffId, requestId } = byCustodian;
      return {
        id,
        position,
        at: changedAt,
        staffId,
        accountId,
        cardId,
        requestId,
        purpose: 'edit',
        outcome: 'used',
        reason: null,
        chargeId: null,
      };
    }
    case 'CardUseRefused': {
      const { staffId, accountId, cardId, requestId, purpose, reason, refusedAt } = event.data;
      return { id, position, at: refusedAt, staffId, accountId, cardId, requestId, purpose, outcome: 'refused', reason, chargeId: null };
    }
    default:
      return unknownEvent(event, null);
  }
}

/** Every staff use of a card, for auditors: by card and by staff member. Nothing in it is card data. */
export const cardAccessLogProjection: Projection<CardAccessEntry> = {
  name: 'payment-vault-card-access-log',
  collection: CARD_ACCESS_LOG,
  forgets: erasedWithAccount('accountId'),
  canHandle: (event) =>
    event.type === 'CardChargeStarted' || event.type === 'CardUseRefused' || (event.type === 'CardChanged' && 'byCustodian' in event.data),
  documentId: (event: RecordedEvent) => event.eventId,
  evolve: (_, recorded) =>
    entryOf({ type: recorded.type, data: recorded.data } as AccessEvent, { id: recorded.eventId, position: recorded.position }),
};
