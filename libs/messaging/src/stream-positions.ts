import type { Position } from '@privacy-ledger/ledger';

/** Streams remembered; the least recently active is forgotten first, and a copy of its events would be handled again. */
const STREAMS_REMEMBERED = 100_000;

/**
 * The last position handled per stream. A stream's events arrive in their order and positions grow along a stream,
 * so an event at or before that position is a copy, whichever batch or relay process sent it.
 */
export class StreamPositions {
  private readonly last = new Map<string, Position>();

  constructor(private readonly capacity = STREAMS_REMEMBERED) {}

  isCopy(event: { readonly streamId: string; readonly position: Position }): boolean {
    const last = this.last.get(event.streamId);
    return last !== undefined && event.position <= last;
  }

  record(event: { readonly streamId: string; readonly position: Position }): void {
    this.last.delete(event.streamId); // re-inserted last: a Map keeps insertion order, so the first key is the stalest
    this.last.set(event.streamId, event.position);
    if (this.last.size > this.capacity) this.last.delete(this.last.keys().next().value!);
  }
}
