import { randomUUID } from 'node:crypto';
import type { EventMetadata, JsonObject, NewEvent } from './event-store.port';

export interface EventDraft {
  readonly type: string;
  readonly schemaVersion?: number;
  readonly data: JsonObject;
  readonly personal?: Uint8Array | null;
  readonly eventId?: string;
}

/** Fills in what every event carries; `metadata` says who caused it, within which request, and when. */
export function newEvent(draft: EventDraft, metadata: EventMetadata): NewEvent {
  return {
    eventId: draft.eventId ?? randomUUID(),
    type: draft.type,
    schemaVersion: draft.schemaVersion ?? 1,
    data: draft.data,
    personal: draft.personal ?? null,
    metadata: {
      occurredAt: metadata.occurredAt,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      actor: metadata.actor,
    },
  };
}
