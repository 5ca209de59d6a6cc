import type { JsonObject, RecordedEvent } from '@privacy-ledger/ledger';

/**
 * A read model as a pure fold: which events it takes, which document each one touches, and what that
 * document becomes (null deletes it). The runner does the reading and writing.
 */
export interface Projection<Document extends JsonObject = JsonObject> {
  /** Names the checkpoint and the lease: one active runner per name across all processes. */
  readonly name: string;
  /** Where its documents live; what a rebuild wipes before replaying from position zero. */
  readonly collection: string;
  canHandle(event: RecordedEvent): boolean;
  documentId(event: RecordedEvent): string;
  evolve(document: Document | null, event: RecordedEvent): Document | null;
  /** The documents an event removes all at once, by equal top-level fields (an erased account's), or null. */
  forgets?(event: RecordedEvent): JsonObject | null;
}

/**
 * An event handler with effects outside the read models (appending to other streams, destroying keys,
 * sending mail), shaped as @nestjs/cqrs's IEventHandler. It is fed from the ledger's catch-up subscription,
 * never from the in-memory event bus, and its checkpoint moves after the handling: after a crash it may
 * see an event again, so handling must be idempotent.
 */
export interface Reactor {
  /** Names the checkpoint and the lease, as a projection's name does. */
  readonly name: string;
  handle(event: RecordedEvent): Promise<void>;
  /**
   * When present, the runner hands it each batch whole instead of calling `handle` per event: for effects
   * that are cheaper in bulk (one round trip to a broker for a batch). A failure retries the whole batch.
   */
  handleBatch?(events: readonly RecordedEvent[]): Promise<void>;
  /** Releases what the reactor holds (a connection), once its runner has stopped. */
  close?(): Promise<void>;
}

export function isProjection(consumer: Projection | Reactor): consumer is Projection {
  return 'evolve' in consumer;
}
