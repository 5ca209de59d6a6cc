import { KekUnavailableError } from './kek-store.port';
import type { Keyring, OpenEpoch } from './keyring.port';

/** When epochs close by themselves: an erasure waits at most `erasureWindowMs`; a KEK serves at most `rotationMs`. */
export interface EpochPolicy {
  readonly erasureWindowMs: number;
  readonly rotationMs: number;
}

export function epochIsDue(open: OpenEpoch, now: Date, policy: EpochPolicy): boolean {
  const age = now.getTime() - open.openedAt.getTime();
  return (open.erasures > 0 && age >= policy.erasureWindowMs) || age >= policy.rotationMs;
}

/**
 * How often an epoch is checked: every second up to once a minute (a quarter of the window); an epoch closes
 * at most that long after it is due.
 */
export function epochCheckIntervalMs(erasureWindowMs: number): number {
  return Math.min(60_000, Math.max(1000, erasureWindowMs / 4));
}

/**
 * Closes the keyring's epoch whenever it is due, checking every `epochCheckIntervalMs`. Several processes may run
 * this at once: a close is safe to repeat. Returns the function that stops it, once a close under way is done: a
 * close cut off by the database closing under it would only be repeated at the next start.
 */
export function closeEpochsWhenDue(
  keyring: Keyring,
  now: () => Date,
  policy: EpochPolicy,
  report: (outcome: { closed?: number[]; current?: number; erasuresCompleted?: number; error?: string; closedElsewhere?: number }) => void,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const check = async () => {
    try {
      if (epochIsDue(await keyring.openEpoch(), now(), policy)) report(await keyring.closeEpoch());
    } catch (error) {
      // Another process closed the epoch first and destroyed its KEK: what this one wanted is done.
      if (error instanceof KekUnavailableError) report({ closedElsewhere: error.epoch });
      else report({ error: (error as Error).name });
    } finally {
      running = null;
    }
  };
  const timer = setInterval(() => void (running ??= check()), epochCheckIntervalMs(policy.erasureWindowMs));
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
