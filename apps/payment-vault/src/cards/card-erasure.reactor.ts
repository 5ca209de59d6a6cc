import { keyErasureReactor } from '@privacy-ledger/platform';
import { cardSubject, type CardDeleted } from './cards.events';

/** Every deleted card's key is destroyed, also when the process that deleted it stopped in between. */
export const CardErasureReactor = keyErasureReactor<CardDeleted['data']>('payment-vault-card-erasure', 'CardDeleted', (data) =>
  cardSubject(data.cardId, data.accountId),
);
