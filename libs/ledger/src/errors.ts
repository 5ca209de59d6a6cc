import type { ExpectedRevision } from './event-store.port';

/** The stream is not where the caller expected it: the HTTP layer answers 409. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, found ${String(actual)}`);
  }
}

/** Some of the event ids were already used, but not by this exact append. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(readonly streamId: string) {
    super(`stream ${streamId}: some event ids of this append were already stored elsewhere`);
  }
}

/** Positions could not be given: another backend holds their lock (named here: pid, application, age). */
export class PositionsBlockedError extends Error {
  override readonly name = 'PositionsBlockedError';
  constructor(readonly blockedBy: string) {
    super(`the ledger's positions are blocked by ${blockedBy}`);
  }
}
