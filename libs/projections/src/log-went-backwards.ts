import type { EventStore, Position } from '@privacy-ledger/ledger';
import type { ReadModels } from './read-model-store.port';

/** Some consumer has read beyond the end of this log: the ledger is older than the one it read. */
export class CheckpointsAheadOfLogError extends Error {
  override readonly name = 'CheckpointsAheadOfLogError';
  /** Positions and consumer names only: safe for a log line. */
  readonly detail: string;

  constructor(
    readonly head: Position,
    readonly ahead: ReadonlyMap<string, Position>,
  ) {
    const list = [...ahead].map(([name, position]) => `${name} at ${position}`).join(', ');
    super(
      `the ledger ends at position ${head}, but ${list} read further: this ledger is older than the one they read ` +
        '(restored from an earlier copy?). Refusing to go on: restore the ledger they read, or rebuild them',
    );
    this.detail = this.message;
  }
}

/** Refuses a log whose positions went backwards under its consumers, instead of silently waiting for them to come back. */
export async function refuseCheckpointsAheadOfLog(events: EventStore, readModels: ReadModels): Promise<void> {
  const head = await events.headPosition();
  const ahead = await readModels.checkpointsAfter(head);
  if (ahead.size > 0) throw new CheckpointsAheadOfLogError(head, ahead);
}
