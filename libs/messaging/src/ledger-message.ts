import type { EventMetadata, JsonObject, Position, RecordedEvent } from '@privacy-ledger/ledger';
import type { KafkaMessage, Message } from 'kafkajs';

/** The topic of a bounded context: every event its service records, and no other. */
export function topicOf(context: string, prefix = ''): string {
  return `${prefix}privacy-ledger.${context}`;
}

/** A ledger event as a message's value carries it, as JSON. */
export interface LedgerMessage {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly revision: number;
  /** Where the event sits in the whole log; it grows along each stream, which is how copies are told apart. */
  readonly position: Position;
  /** Identifiers, roles, timestamps: the part the ledger keeps readable. */
  readonly data: JsonObject;
  /**
   * The personal part exactly as the ledger holds it, sealed under its subject's key, in base64: only the owning
   * service's keyring opens it, and nothing does once the subject is erased, Kafka's retained copies included.
   */
  readonly personal: string | null;
  readonly metadata: EventMetadata;
}

/** The headers every message carries, so a subscriber can route or filter without parsing the value. */
export const LEDGER_HEADERS = {
  position: 'position',
  eventId: 'event-id',
  type: 'type',
  schemaVersion: 'schema-version',
  streamRevision: 'stream-revision',
  correlationId: 'correlation-id',
  /** Absent when the event has no cause recorded. */
  causationId: 'causation-id',
} as const;

/** Keyed by stream id: a stream's events land on one partition, in their order. */
export function toKafkaMessage(event: RecordedEvent): Message {
  const { eventId, type, schemaVersion, streamId, revision, position, data, personal, metadata } = event;
  const value: LedgerMessage = {
    eventId,
    type,
    schemaVersion,
    streamId,
    revision,
    position,
    data,
    personal: personal ? Buffer.from(personal).toString('base64') : null,
    metadata,
  };
  return {
    key: streamId,
    value: JSON.stringify(value),
    headers: {
      [LEDGER_HEADERS.position]: String(position),
      [LEDGER_HEADERS.eventId]: eventId,
      [LEDGER_HEADERS.type]: type,
      [LEDGER_HEADERS.schemaVersion]: String(schemaVersion),
      [LEDGER_HEADERS.streamRevision]: String(revision),
      [LEDGER_HEADERS.correlationId]: metadata.correlationId,
      ...(metadata.causationId ? { [LEDGER_HEADERS.causationId]: metadata.causationId } : {}),
    },
  };
}

export class NotALedgerMessageError extends Error {
  override readonly name = 'NotALedgerMessageError';
}

export function fromKafkaMessage(message: KafkaMessage): LedgerMessage {
  if (!message.value) throw new NotALedgerMessageError('a ledger message has a value');
  const value = JSON.parse(message.value.toString('utf8')) as Partial<LedgerMessage>;
  if (typeof value.eventId !== 'string' || typeof value.streamId !== 'string' || typeof value.position !== 'number')
    throw new NotALedgerMessageError('a ledger message names its event, stream and position');
  return value as LedgerMessage;
}
