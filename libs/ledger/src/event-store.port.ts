/**
 * Where an event sits in the whole log: 1, 2, 3... in the order events became readable. A position is
 * data stored with the event, so it survives a dump, a restore and a move to another server.
 */
export type Position = number;

export const START: Position = 0;

export function comparePositions(a: Position, b: Position): number {
  return a - b;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface EventMetadata {
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Who caused it: an account, a staff member or a service, by id, never by name. */
  readonly actor: string;
}

export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Identifiers, roles, timestamps: what stays readable for replay and audit. */
  readonly data: JsonObject;
  /** The personal part, already encrypted under its subject's key; opaque to the ledger. */
  readonly personal: Uint8Array | null;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly position: Position;
  readonly previousHash: string;
  readonly hash: string;
}

/** `number`: the revision of the stream's last event, as the caller last saw it. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Positions are given after commit, in commit order: an append knows its revision, not yet its position. */
export interface AppendResult {
  readonly nextExpectedRevision: number;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  readonly after?: Position;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  readonly after?: Position;
  readonly batchSize?: number;
  /** Called with events in commit order; the next batch waits until this one resolves. */
  readonly onBatch: (events: readonly RecordedEvent[]) => Promise<void>;
  /** Called with each failed read or batch; the subscription retries it, waiting longer each time (up to 30 s). */
  readonly onError?: (error: unknown) => void;
  /** Called after every read that went through, with events or without: the subscription is healthy again. */
  readonly onRead?: () => void;
}

export interface Subscription {
  /** Resolves once every event committed before the call has been handed to `onBatch`. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up: delivers history after `after`, then follows live appends, never skipping one. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /**
   * The position of the last committed event, everything committed before the call included: waiting
   * for a reader to reach it means waiting for everything committed before the call.
   */
  headPosition(): Promise<Position>;
}

export const EVENT_STORE = Symbol('EventStore');
