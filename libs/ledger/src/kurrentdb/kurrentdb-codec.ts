import {
  jsonEvent,
  NO_STREAM,
  START as KURRENT_START,
  type AppendStreamState,
  type EventData,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, ExpectedRevision, JsonObject, Position, RecordedEvent } from '../event-store.port';
import { START } from '../event-store.port';
import { GENESIS_HASH, type SealedEvent } from '../hash-chain';

/**
 * What the ledger keeps in a KurrentDB event's metadata, beside KurrentDB's own `$correlationId` and
 * `$causationId`: our metadata exactly as hashed, the schema version, the hash chain, and the personal part.
 */
export interface LedgerEnvelope {
  readonly $correlationId: string;
  readonly $causationId?: string;
  readonly metadata: EventMetadata;
  readonly schemaVersion: number;
  /** Opaque ciphertext, so base64 rather than text. */
  readonly personal: string | null;
  readonly previousHash: string;
  readonly hash: string;
}

/** The fields of a KurrentDB recorded event this ledger reads. */
export interface StoredEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: { readonly commit: bigint };
}

export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
  readonly exists: boolean;
}

/**
 * A commit position is a byte offset in KurrentDB's transaction log, so it stays below 2^53 (8 PiB of log,
 * far beyond any node): it is exact as a number. Every event has its own, since KurrentDB has no explicit
 * transactions any more (each event of one append is committed at its own prepare position).
 */
export function toPosition(commit: bigint): Position {
  if (commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`commit position ${commit} does not fit a Position`);
  return Number(commit);
}

/** Where a forward read of $all starts to find the events after `after`: at it (inclusive; the caller drops it). */
export function readPositionAt(after: Position): ReadPosition {
  if (after === START) return KURRENT_START;
  const at = BigInt(after);
  return { commit: at, prepare: at };
}

/** System events (statistics, metadata, links, this ledger's event-id claims) are KurrentDB's, not the ledger's. */
export function isSystemEvent(event: Pick<StoredEvent, 'streamId' | 'type'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * The stream state to write with. Every write names the exact head it chains onto, whatever the caller
 * expected ('any' and 'stream_exists' included): the hash chain needs the predecessor's hash, so a write that
 * raced another must be sealed again, never appended after a head it did not see.
 */
export function writeCondition(
  head: StreamHead,
  expected: ExpectedRevision,
): { mismatch: number | 'no_stream' } | { state: AppendStreamState } {
  const actual = head.exists ? head.revision : 'no_stream';
  const fits =
    expected === 'any' ||
    (expected === 'no_stream' && !head.exists) ||
    (expected === 'stream_exists' && head.exists) ||
    (typeof expected === 'number' && head.exists && head.revision === expected);
  if (!fits) return { mismatch: actual };
  return { state: head.exists ? BigInt(head.revision) : NO_STREAM };
}

/** KurrentDB's actual state of a stream after a refused write, as the port says it. */
export function actualRevision(state: bigint | typeof NO_STREAM): number | 'no_stream' {
  return state === NO_STREAM ? 'no_stream' : Number(state);
}

export function encodeEvent(sealed: SealedEvent, metadata: EventMetadata): EventData {
  const envelope: LedgerEnvelope = {
    $correlationId: metadata.correlationId,
    ...(metadata.causationId === null ? {} : { $causationId: metadata.causationId }),
    // Parsed back from the sealed text, so that the key order the hash covers is the order stored.
    metadata: JSON.parse(sealed.metadata) as EventMetadata,
    schemaVersion: sealed.schemaVersion,
    personal: sealed.personal === null ? null : Buffer.from(sealed.personal).toString('base64'),
    previousHash: sealed.previousHash,
    hash: sealed.hash,
  };
  return jsonEvent({
    id: sealed.eventId,
    type: sealed.type,
    data: JSON.parse(sealed.data) as JsonObject,
    metadata: envelope as unknown as Record<string, unknown>,
  });
}

/** An event this ledger wrote, read back; anything else in the log is refused loudly rather than skipped. */
export function decodeEvent(stored: StoredEvent): RecordedEvent {
  const envelope = envelopeOf(stored);
  if (!stored.position)
    throw new Error(`KurrentDB gave no position for ${stored.streamId}@${stored.revision}: a server from 22.6 on is needed`);
  return {
    eventId: stored.id,
    type: stored.type,
    schemaVersion: envelope.schemaVersion,
    data: stored.data as JsonObject,
    personal: envelope.personal === null ? null : new Uint8Array(Buffer.from(envelope.personal, 'base64')),
    metadata: envelope.metadata,
    streamId: stored.streamId,
    revision: Number(stored.revision),
    position: toPosition(stored.position.commit),
    previousHash: envelope.previousHash,
    hash: envelope.hash,
  };
}

/** The stored form the hashes cover: what an auditor recomputes the chain from. */
export function sealedOf(stored: StoredEvent): SealedEvent {
  const envelope = envelopeOf(stored);
  return {
    streamId: stored.streamId,
    revision: Number(stored.revision),
    eventId: stored.id,
    type: stored.type,
    schemaVersion: envelope.schemaVersion,
    // JSON.stringify(JSON.parse(text)) gives text back for any text JSON.stringify wrote, as the sealed text was.
    data: JSON.stringify(stored.data),
    personal: envelope.personal === null ? null : new Uint8Array(Buffer.from(envelope.personal, 'base64')),
    metadata: JSON.stringify(envelope.metadata),
    previousHash: envelope.previousHash,
    hash: envelope.hash,
  };
}

export function headOf(stored: StoredEvent | undefined): StreamHead {
  return stored
    ? { revision: Number(stored.revision), hash: envelopeOf(stored).hash, exists: true }
    : { revision: -1, hash: GENESIS_HASH, exists: false };
}

function envelopeOf(stored: StoredEvent): LedgerEnvelope {
  const envelope = (stored.metadata ?? undefined) as Partial<LedgerEnvelope> | undefined;
  const wellFormed =
    typeof stored.data === 'object' &&
    stored.data !== null &&
    typeof envelope === 'object' &&
    typeof envelope.metadata === 'object' &&
    typeof envelope.schemaVersion === 'number' &&
    typeof envelope.hash === 'string' &&
    typeof envelope.previousHash === 'string' &&
    (envelope.personal === null || typeof envelope.personal === 'string');
  if (!wellFormed)
    throw new Error(`${stored.streamId}@${stored.revision} was not written by this ledger: KurrentDB must be the ledger's alone`);
  return envelope as LedgerEnvelope;
}
