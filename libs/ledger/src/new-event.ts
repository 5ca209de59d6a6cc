import { randomUUID } from 'node:crypto';
import type { EventMetadata, JsonObject, NewEvent } from './event-store.port';

export interface EventDraft {
  readonly type: string;
  readonly schemaVersion?: number;
  readonly data: JsonObject;
  readonly personal?: Uint8Array | null;
  readonly eventId?: string;
}

/** Fills in what every event carries; `context` says who caused it and within which request. */
export function newEvent(draft: EventDraft, context: Omit<EventMetadata, 'occurredAt'> & { occurredAt?: string }): NewEvent {
  return {
    eventId: draft.eventId ?? randomUUID(),
    type: draft.type,
    schemaVersion: draft.schemaVersion ?? 1,
    data: draft.data,
    personal: draft.personal ?? null,
    metadata: {
      occurredAt: context.occurredAt ?? new Date().toISOString(),
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: context.actor,
    },
  };
}
