import { AppendSignal } from '../catch-up-subscription';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import {
  comparePositions,
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
import { GENESIS_HASH, sealEvents } from '../hash-chain';

/**
 * The event store in this process's memory, for fast specifications: the same contract as the SQL store,
 * each append one "transaction", so commit order is append order.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byEventId = new Map<string, RecordedEvent>();
  private readonly appends = new AppendSignal();

  async append(
    streamId: string,
    events: readonly NewEvent[],
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const retried = this.storedAlready(streamId, events);
    if (retried) return retried;
    const stream = this.streams.get(streamId) ?? [];
    const head = stream[stream.length - 1];
    const actual = head ? head.revision : 'no_stream';
    const fits =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream' && !head) ||
      (expectedRevision === 'stream_exists' && head !== undefined) ||
      (typeof expectedRevision === 'number' && head?.revision === expectedRevision);
    if (!fits) throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
    const sealed = sealEvents(streamId, head ?? { revision: -1, hash: GENESIS_HASH }, events);
    const recorded = sealed.map((event, index): RecordedEvent => ({
      ...events[index],
      streamId,
      revision: event.revision,
      position: this.log.length + index + 1,
      previousHash: event.previousHash,
      hash: event.hash,
    }));
    for (const event of recorded) {
      this.log.push(event);
      this.byEventId.set(event.eventId, event);
    }
    this.streams.set(streamId, [...stream, ...recorded]);
    const last = recorded[recorded.length - 1];
    this.appends.appended();
    return { nextExpectedRevision: last.revision };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const selected = backwards ? stream.filter((e) => e.revision <= from).reverse() : stream.filter((e) => e.revision >= from);
    return selected.slice(0, options.maxCount ?? selected.length);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? START;
    return this.log.filter((event) => comparePositions(event.position, after) > 0).slice(0, options.maxCount ?? 1000);
  }

  async headPosition(): Promise<Position> {
    return this.log[this.log.length - 1]?.position ?? START;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.appends.subscribe(this, options);
  }

  private storedAlready(streamId: string, events: readonly NewEvent[]): AppendResult | null {
    const stored = events.map((event) => this.byEventId.get(event.eventId));
    if (stored.every((event) => event === undefined)) return null;
    const sameAppend = stored.every(
      (event, index) =>
        event !== undefined && event.streamId === streamId && (index === 0 || event.revision === stored[index - 1]!.revision + 1),
    );
    if (!sameAppend) throw new EventIdConflictError(streamId);
    const last = stored[stored.length - 1]!;
    return { nextExpectedRevision: last.revision };
  }
}
