import type { JsonObject, RecordedEvent } from './event-store.port';
import type { SealedPart } from './personal-data-cipher.port';

/** An event's sealed part as a read model keeps it: the bytes and the place they open in. */
export interface StoredSealedPart extends JsonObject {
  sealed: string;
  streamId: string;
  eventId: string;
}

export function sealedPartOf(event: RecordedEvent): SealedPart | null {
  return event.personal ? { sealed: event.personal, place: { streamId: event.streamId, eventId: event.eventId } } : null;
}

export function storedSealedPartOf(event: RecordedEvent): StoredSealedPart | null {
  return event.personal
    ? { sealed: Buffer.from(event.personal).toString('base64'), streamId: event.streamId, eventId: event.eventId }
    : null;
}

/** `accountId`: whose part the reader expects, so that a part copied into the wrong customer's row does not open. */
export function sealedPartFromStore({ sealed, streamId, eventId }: StoredSealedPart, accountId: string): SealedPart {
  return { sealed: Buffer.from(sealed, 'base64'), place: { streamId, eventId }, accountId };
}
