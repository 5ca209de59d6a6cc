import { comparePositions, type EventStore, type Position } from '@privacy-ledger/ledger';
import type { ReadModels } from './read-model-store.port';

/** Polls a projection's checkpoint until it reaches `position` (true) or the time is up (false). */
export async function waitUntilApplied(checkpoint: () => Promise<Position>, position: Position, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (comparePositions(await checkpoint(), position) >= 0) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Resolves true once the projection (in whichever process runs it) has applied every event committed before
 * the call, false after its wait: how a writer answers only when the read model shows its write. A read-model
 * store that does not answer is false too: the write is committed, and /health names the store.
 */
export async function showsEverythingCommitted(
  events: Pick<EventStore, 'headPosition'>,
  readModels: ReadModels,
  projection: string,
): Promise<boolean> {
  const head = await events.headPosition();
  return readModels.applied(projection, head).catch(() => false);
}
