import type { RecordedEvent } from '@privacy-ledger/ledger';
import type { ReadModelTransaction } from './read-model-store.port';

export interface Projection {
  /** Names the checkpoint and the lease: one active runner per name across all processes. */
  readonly name: string;
  /** What a rebuild wipes before replaying from position zero. */
  readonly collections: readonly string[];
  apply(event: RecordedEvent, readModel: ReadModelTransaction): Promise<void>;
}

/**
 * Reacts to events with effects outside the read models (appending to other streams, destroying keys,
 * sending mail). Its checkpoint moves after the reaction, so after a crash it may see an event again:
 * a reaction must be idempotent.
 */
export interface Reactor {
  /** Names the checkpoint and the lease, as a projection's name does. */
  readonly name: string;
  react(event: RecordedEvent): Promise<void>;
}
