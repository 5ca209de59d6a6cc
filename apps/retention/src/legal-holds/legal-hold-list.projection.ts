import { storedSealedPartOf, unknownEvent, type JsonObject, type StoredSealedPart } from '@privacy-ledger/ledger';
import type { Projection } from '@privacy-ledger/projections';
import type { HoldKind, LegalHoldEvent, LegalHoldPlaced, LegalHoldsClosed } from './legal-holds.events';

export const LEGAL_HOLDS = 'legal-holds';

/**
 * A hold as its read model keeps it: the account, kind, who and when in clear, so holds are listed by
 * account; the reference and reasons only sealed, as the events carried them, unreadable once the key is gone.
 */
export interface LegalHoldEntry extends JsonObject {
  holdId: string;
  accountId: string;
  kind: HoldKind;
  placedBy: string;
  placedAt: string;
  standing: boolean;
  liftedBy: string | null;
  liftedAt: string | null;
  /** The placement's reference and reason. */
  placement: StoredSealedPart | null;
  /** The lifting's reason. */
  lifting: StoredSealedPart | null;
}

/** Every legal hold, one document each. */
export const legalHoldListProjection: Projection<LegalHoldEntry> = {
  name: 'retention-legal-holds',
  collection: LEGAL_HOLDS,
  canHandle: (event) => event.type === 'LegalHoldPlaced' || event.type === 'LegalHoldLifted',
  documentId: (event) => (event.data as LegalHoldPlaced['data']).holdId,
  evolve(current, recorded) {
    const event = { type: recorded.type, data: recorded.data } as Exclude<LegalHoldEvent, LegalHoldsClosed>;
    switch (event.type) {
      case 'LegalHoldPlaced': {
        const { holdId, accountId, kind, placedBy, placedAt } = event.data;
        const placement = storedSealedPartOf(recorded);
        return { holdId, accountId, kind, placedBy, placedAt, standing: true, liftedBy: null, liftedAt: null, placement, lifting: null };
      }
      case 'LegalHoldLifted': {
        const { liftedBy, liftedAt } = event.data;
        return current && { ...current, standing: false, liftedBy, liftedAt, lifting: storedSealedPartOf(recorded) };
      }
      default:
        return unknownEvent(event, current);
    }
  },
};
