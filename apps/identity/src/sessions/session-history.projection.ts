import { storedSealedPartOf, type JsonObject, type StoredSealedPart } from '@privacy-ledger/ledger';
import type { Projection } from '@privacy-ledger/projections';
import type { SessionStarted } from './session.events';
import { erasedWithAccount } from '@privacy-ledger/platform';

export const SESSION_HISTORY = 'identity-session-history';

/** A session as its read model keeps it: ids and time in clear, the IP address and user agent sealed as the event carried them. */
export interface SessionRecord extends JsonObject {
  sessionId: string;
  principalId: string;
  startedAt: string;
  sealed: StoredSealedPart | null;
}

/** Each principal's sessions (P16). */
export const sessionHistoryProjection: Projection<SessionRecord> = {
  name: 'identity-session-history',
  collection: SESSION_HISTORY,
  forgets: erasedWithAccount('principalId'),
  canHandle: (event) => event.type === 'SessionStarted',
  documentId: (event) => (event.data as SessionStarted['data']).sessionId,
  evolve(_record, event) {
    const { sessionId, principalId, startedAt } = event.data as SessionStarted['data'];
    return { sessionId, principalId, startedAt, sealed: storedSealedPartOf(event) };
  },
};
