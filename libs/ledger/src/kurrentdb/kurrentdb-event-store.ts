import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START as KURRENT_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type Direction,
} from '@kurrent/kurrentdb-client';
import { AppendSignal } from '../catch-up-subscription';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import {
  START,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { sealEvents, type SealedEvent } from '../hash-chain';
import { EventIdClaims } from './event-id-claims';
import {
  actualRevision,
  decodeEvent,
  encodeEvent,
  headOf,
  isSystemEvent,
  readPositionAt,
  sealedOf,
  toPosition,
  writeCondition,
  type StreamHead,
} from './kurrentdb-codec';

const MAX_HEAD_RACES = 20;
const HEAD_SCAN_PAGE = 32;
const MAX_PAGE = 1000;

/**
 * The ledger on KurrentDB (EventStoreDB): one KurrentDB stream per ledger stream, positions are commit
 * positions in $all, and the hash chain, schema version and personal part travel in each event's metadata.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly appends = new AppendSignal();
  private readonly claims: EventIdClaims;

  constructor(private readonly client: KurrentDBClient) {
    this.claims = new EventIdClaims(client);
  }

  /** `kurrentdb://host:2113?tls=false` and the other schemes the client knows (esdb://, kdb://, ...+discover). */
  static connect(connectionString: string): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString));
  }

  close(): Promise<void> {
    return this.client.dispose();
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    let claimed = false;
    for (let attempt = 0; attempt < MAX_HEAD_RACES; attempt++) {
      const head = await this.readHead(streamId);
      const condition = writeCondition(head, expectedRevision);
      if ('mismatch' in condition) return this.refuse(streamId, events, expectedRevision, condition.mismatch);
      if (!claimed) {
        const claimedBefore = await this.claims.claim(
          streamId,
          events.map((event) => event.eventId),
        );
        claimed = true;
        const stored = claimedBefore ? await this.storedAlready(streamId, events) : null;
        if (stored) return stored;
      }
      const sealed = sealEvents(streamId, head, events);
      try {
        await this.client.appendToStream(
          streamId,
          sealed.map((event, index) => encodeEvent(event, events[index].metadata)),
          { streamState: condition.state },
        );
        this.appends.appended();
        return { nextExpectedRevision: sealed[sealed.length - 1].revision };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (typeof expectedRevision === 'number' || expectedRevision === 'no_stream')
          return this.refuse(streamId, events, expectedRevision, actualRevision(error.actualState));
        // Another writer moved the head: that may have been this very append, retried beside us.
        const stored = await this.storedAlready(streamId, events);
        if (stored) return stored;
      }
    }
    const head = await this.readHead(streamId);
    throw new WrongExpectedRevisionError(streamId, expectedRevision, head.exists ? head.revision : 'no_stream');
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const fromRevision = options.fromRevision === undefined ? (backwards ? END : KURRENT_START) : BigInt(options.fromRevision);
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision,
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of read) if (event) events.push(decodeEvent(event));
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? MAX_PAGE;
    const events: RecordedEvent[] = [];
    if (maxCount <= 0) return events;
    for await (const event of this.allEvents(FORWARDS, options.after ?? START, Math.min(maxCount + 1, MAX_PAGE))) {
      if (isSystemEvent(event)) continue;
      events.push(decodeEvent(event));
      if (events.length === maxCount) break;
    }
    return events;
  }

  /** KurrentDB makes an event readable in $all only once everything before it is: the last one is the head. */
  async headPosition(): Promise<Position> {
    for await (const event of this.allEvents(BACKWARDS, null, HEAD_SCAN_PAGE)) {
      if (!isSystemEvent(event)) return toPosition(event.position.commit);
    }
    return START;
  }

  /** Polls $all like the SQL store's subscription does; appends made by this process wake it at once. */
  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.appends.subscribe(this, options);
  }

  /** Reads the stream as an auditor would: the stored form the hashes cover, for `verifyChain`. */
  async readSealed(streamId: string): Promise<SealedEvent[]> {
    const sealed: SealedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(streamId)) if (event) sealed.push(sealedOf(event));
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return sealed;
  }

  /**
   * $all in one direction, page by page, each event once, system events included. `from` is exclusive;
   * null is the far end (the log's start forwards, its end backwards). The log's first record is not an
   * event, so no event sits at position 0 (START) and "after START" misses none.
   */
  private async *allEvents(direction: Direction, from: Position | null, pageSize: number): AsyncGenerator<AllStreamRecordedEvent> {
    let cursor = from === START && direction === FORWARDS ? null : from;
    for (;;) {
      const fromPosition = cursor === null ? (direction === FORWARDS ? KURRENT_START : END) : readPositionAt(cursor);
      let read = 0;
      // Whether a read includes the event at its start position or not, one seen before is never given again.
      for await (const { event } of this.client.readAll({ direction, fromPosition, maxCount: pageSize })) {
        read++;
        if (!event) continue;
        const position = toPosition(event.position.commit);
        if (cursor !== null && (direction === FORWARDS ? position <= cursor : position >= cursor)) continue;
        cursor = position;
        yield event;
      }
      if (read < pageSize) return;
    }
  }

  private async readHead(streamId: string): Promise<StreamHead> {
    try {
      for await (const { event } of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))
        return headOf(event);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return headOf(undefined);
  }

  /** A revision mismatch is an error, unless these very events were stored already (a retried append). */
  private async refuse(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    actual: number | 'no_stream',
  ): Promise<AppendResult> {
    const stored = await this.storedAlready(streamId, events);
    if (stored === null) throw new WrongExpectedRevisionError(streamId, expected, actual);
    return stored;
  }

  /**
   * The same append retried (same event ids, same stream, same order) succeeds and stores nothing twice;
   * null when none of these events is stored; event ids claimed or stored elsewhere are a conflict.
   */
  private async storedAlready(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | null> {
    const ids = events.map((event) => event.eventId);
    const owners = await this.claims.owners(ids);
    if (owners.every((owner) => owner === null)) return null;
    if (owners.some((owner) => owner !== null && owner !== streamId)) throw new EventIdConflictError(streamId);
    const found = await this.findInStream(streamId, ids);
    if (found.length === 0) return null;
    const sameAppend =
      found.length === ids.length &&
      found.every((event, index) => event.id === ids[index] && (index === 0 || event.revision === found[index - 1].revision + 1n));
    if (!sameAppend) throw new EventIdConflictError(streamId);
    return { nextExpectedRevision: Number(found[found.length - 1].revision) };
  }

  /** The stream's events with these ids, oldest first; read from the end, where a retried append's events are. */
  private async findInStream(streamId: string, ids: readonly string[]): Promise<{ id: string; revision: bigint }[]> {
    const wanted = new Set(ids);
    const found: { id: string; revision: bigint }[] = [];
    try {
      for await (const { event } of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END })) {
        if (event && wanted.has(event.id)) found.unshift({ id: event.id, revision: event.revision });
        if (found.length === wanted.size) break;
      }
    } catch (error) {
      // Claimed by an append that failed before it wrote anything, the stream included.
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return found;
  }
}
