import { unknownEvent, type JsonObject } from '@privacy-ledger/ledger';
import type { Projection } from '@privacy-ledger/projections';
import { cardRequestsAggregate, type CardRequestState } from './card-requests.decider';
import type { Amount, CardRequestEvent, CardRequestOpened, RequestChannel, RequestKind } from './card-requests.events';
import { erasedWithAccount } from '@privacy-ledger/platform';

export const CARD_REQUEST_LIST = 'card-requests';

/** A card request as customers, staff and auditors see it: nothing in it is personal data. */
export interface CardRequestView extends JsonObject {
  id: string;
  accountId: string;
  kind: RequestKind;
  cardId: string | null;
  amount: (Amount & JsonObject) | null;
  channel: RequestChannel;
  recordedBy: string;
  state: CardRequestState['state'];
  openedAt: string;
}

export function openedRequestView({
  requestId,
  accountId,
  kind,
  cardId,
  amount,
  channel,
  recordedBy,
  openedAt,
}: CardRequestOpened['data']): CardRequestView {
  return { id: requestId, accountId, kind, cardId, amount: amount && { ...amount }, channel, recordedBy, state: 'open', openedAt };
}

export const cardRequestListProjection: Projection<CardRequestView> = {
  name: 'payment-vault-card-request-list',
  collection: CARD_REQUEST_LIST,
  forgets: erasedWithAccount('accountId'),
  canHandle: (event) => (cardRequestsAggregate.eventTypes as readonly string[]).includes(event.type),
  documentId: (event) => (event.data as CardRequestEvent['data']).requestId,
  evolve(current, recorded) {
    const event = { type: recorded.type, data: recorded.data } as CardRequestEvent;
    switch (event.type) {
      case 'CardRequestOpened':
        return openedRequestView(event.data);
      case 'CardRequestWithdrawn':
        return current && { ...current, state: 'withdrawn' };
      case 'CardChargeStarted':
        return current && { ...current, state: 'charging' };
      case 'CardChargeSettled':
        return current && { ...current, state: event.data.outcome === 'approved' ? 'fulfilled' : 'open' };
      case 'CardRequestFulfilled':
        return current && { ...current, state: 'fulfilled' };
      default:
        return unknownEvent(event, current);
    }
  },
};
