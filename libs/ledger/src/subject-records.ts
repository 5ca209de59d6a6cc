import { comparePositions, type EventStore, type JsonObject, type Position, type RecordedEvent } from './event-store.port';
import type { Decrypted, PersonalDataCipher, PersonalSubject } from './personal-data-cipher.port';
import { sealedPartOf } from './sealed-part';
import { keptElsewhere, streamOf } from './write-path/aggregate';

/** One stream of an account's history, named as its aggregate names it; the aggregate says whose key seals each part. */
export interface SubjectStream {
  readonly aggregate: { readonly name: string; readonly subjectOf: (event: never) => PersonalSubject };
  readonly id: string;
  /** For a stream that also holds other accounts' events (a staff member's log): the events that concern this account. */
  readonly concerns?: (event: RecordedEvent) => boolean;
}

interface RecordBase {
  readonly stream: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly position: Position;
  /** Identifiers, roles and times, in clear as the ledger keeps them. */
  readonly data: JsonObject;
}

/**
 * One event of the account's history as its service can tell it: `personal` opened (null when the event has
 * no personal part), `shredded` when its key is destroyed, or `keptBy` the service whose key seals it (a
 * hand-over: that service's own records tell it).
 */
export type SubjectRecord = RecordBase &
  ({ readonly personal: JsonObject | null } | { readonly shredded: true } | { readonly keptBy: string });

/**
 * Everything these streams hold up to `through`, in log order, each personal part opened with this service's
 * keys (one key look-up for all of them). Events after `through` are left out, so that the records and the
 * streams found through read models that reached `through` describe one moment of the ledger.
 */
export async function exportSubjectRecords(
  events: EventStore,
  cipher: PersonalDataCipher,
  streams: readonly SubjectStream[],
  through: Position,
): Promise<SubjectRecord[]> {
  const read = await Promise.all(streams.map((stream) => eventsOf(events, stream, cipher.owner, through)));
  const found = read.flat().sort((a, b) => comparePositions(a.event.position, b.event.position));
  const opening = found.filter(({ event, keptBy }) => event.personal !== null && keptBy === null);
  const opened = await cipher.decryptMany<JsonObject>(opening.map(({ event }) => sealedPartOf(event)!));
  const openedById = new Map(opening.map(({ event }, index) => [event.eventId, opened[index]]));
  return found.map(({ event, keptBy }) => recordOf(event, keptBy, openedById.get(event.eventId)));
}

/** Whether the account's data here is erased: it had personal parts of its own, and not one of them opens any more. */
export function isErased(records: readonly SubjectRecord[]): boolean {
  const own = records.filter((record) => 'shredded' in record || ('personal' in record && record.personal !== null));
  return own.length > 0 && own.every((record) => 'shredded' in record);
}

async function eventsOf(events: EventStore, stream: SubjectStream, owner: string, through: Position) {
  const recorded = await events.readStream(streamOf(stream.aggregate, stream.id));
  return recorded
    .filter((event) => comparePositions(event.position, through) <= 0 && (stream.concerns?.(event) ?? true))
    .map((event) => ({ event, keptBy: keptElsewhere(stream.aggregate, event, owner) }));
}

function recordOf(event: RecordedEvent, keptBy: string | null, opened: Decrypted<JsonObject> | undefined): SubjectRecord {
  const base = {
    stream: event.streamId,
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    position: event.position,
    data: event.data,
  };
  if (keptBy !== null) return { ...base, keptBy };
  if (opened?.status === 'shredded') return { ...base, shredded: true };
  return { ...base, personal: opened?.value ?? null };
}
