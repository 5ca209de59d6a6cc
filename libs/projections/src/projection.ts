import type { RecordedEvent } from '@privacy-ledger/ledger';
import type { ReadModelTransaction } from './read-model-store.port';

export interface Projection {
  /** Names the checkpoint and the lease: one active runner per name across all processes. */
  readonly name: string;
  /** What a rebuild wipes before replaying from position zero. */
  readonly collections: readonly string[];
  apply(event: RecordedEvent, readModel: ReadModelTransaction): Promise<void>;
}
