import { storedSealedPartOf, type JsonObject, type StoredSealedPart } from '@privacy-ledger/ledger';
import type { Projection } from '@privacy-ledger/projections';
import { disclosureAggregate } from './disclosures.decider';
import type { DisclosureRecorded } from './disclosures.events';

export const DISCLOSURES = 'disclosures';

/** A disclosure as its read model keeps it: all but the recipient and reference in clear, those only sealed, as the event carried them. */
export type DisclosureEntry = DisclosureRecorded['data'] & JsonObject & { sealed: StoredSealedPart | null };

/** Far enough from any date (JavaScript's reach ±8.64e15 ms) that every key below has as many digits. */
const LATEST_MS = 8.64e15;
const descending = (iso: string) => String(LATEST_MS - Date.parse(iso)).padStart(17, '0');

/**
 * The read-model stores list documents in the order of their ids: keyed so, a register reads newest
 * disclosure first, and of those disclosed at one time the last recorded first, page after page.
 */
export function newestFirstKey({ disclosedAt, recordedAt, disclosureId }: DisclosureRecorded['data']): string {
  return `${descending(disclosedAt)}-${descending(recordedAt)}-${disclosureId}`;
}

/** The register of disclosures (P13), one document each, listed by account or as a whole. */
export const disclosureListProjection: Projection<DisclosureEntry> = {
  name: 'retention-disclosures',
  collection: DISCLOSURES,
  canHandle: (event) => (disclosureAggregate.eventTypes as readonly string[]).includes(event.type),
  documentId: (event) => newestFirstKey(event.data as DisclosureRecorded['data']),
  evolve: (_current, recorded) => ({ ...(recorded.data as DisclosureRecorded['data']), sealed: storedSealedPartOf(recorded) }),
};
