import { createHash } from 'node:crypto';
import type { NewEvent } from './event-store.port';

export const GENESIS_HASH = '0'.repeat(64);

/** What an adapter stores for one event: every field the hash covers, in stored form. */
export interface SealedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly personal: Uint8Array | null;
  readonly metadata: string;
  readonly previousHash: string;
  readonly hash: string;
}

function field(hash: ReturnType<typeof createHash>, bytes: Uint8Array | string): void {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(buffer.length);
  hash.update(length).update(buffer);
}

/** SHA-256 over the predecessor's hash and the stored bytes, length-prefixed so no two events encode alike. */
export function hashOf(event: Omit<SealedEvent, 'hash'>): string {
  const hash = createHash('sha256');
  field(hash, event.previousHash);
  field(hash, event.streamId);
  field(hash, String(event.revision));
  field(hash, event.eventId);
  field(hash, event.type);
  field(hash, String(event.schemaVersion));
  field(hash, event.data);
  field(hash, event.personal ?? new Uint8Array(0));
  field(hash, event.metadata);
  return hash.digest('hex');
}

/** Links new events to the stream's head. Runs in the ledger core so that every adapter gets the same chain. */
export function sealEvents(streamId: string, head: { revision: number; hash: string }, events: readonly NewEvent[]): SealedEvent[] {
  let previousHash = head.hash;
  return events.map((event, index) => {
    const unsealed = {
      streamId,
      revision: head.revision + 1 + index,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.stringify(event.data),
      personal: event.personal,
      metadata: JSON.stringify(event.metadata),
      previousHash,
    };
    const sealed = { ...unsealed, hash: hashOf(unsealed) };
    previousHash = sealed.hash;
    return sealed;
  });
}

export interface ChainBreak {
  readonly streamId: string;
  readonly revision: number;
  readonly reason: 'hash mismatch' | 'broken link';
}

/** Recomputes a stream's chain from stored bytes; an empty result means intact. */
export function verifyChain(events: readonly SealedEvent[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let previousHash = GENESIS_HASH;
  for (const event of events) {
    if (event.previousHash !== previousHash) breaks.push({ streamId: event.streamId, revision: event.revision, reason: 'broken link' });
    const { hash, ...rest } = event;
    if (hashOf(rest) !== hash) breaks.push({ streamId: event.streamId, revision: event.revision, reason: 'hash mismatch' });
    previousHash = hash;
  }
  return breaks;
}
