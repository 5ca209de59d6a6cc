import { comparePositions, type Position } from '@privacy-ledger/ledger';

/** Polls a projection's checkpoint until it reaches `position` (true) or the time is up (false). */
export async function waitUntilApplied(checkpoint: () => Promise<Position>, position: Position, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (comparePositions(await checkpoint(), position) >= 0) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
