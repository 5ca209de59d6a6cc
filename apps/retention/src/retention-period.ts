import { epochCheckIntervalMs } from '@privacy-ledger/keyring';
import { StartupError } from '@privacy-ledger/platform';
import type { ErasureSchedule } from './erasures/due-erasures.schedule';

/** How long a cancelled account's data is kept before its erasure (P12): RETENTION_PERIOD_DAYS, twelve months by default. */
export interface RetentionPeriod {
  readonly ms: number;
}

export const RETENTION_PERIOD = Symbol('RetentionPeriod');

const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionPeriodOf(env: NodeJS.ProcessEnv): RetentionPeriod {
  const days = Number(env.RETENTION_PERIOD_DAYS ?? 365);
  if (!Number.isInteger(days) || days < 1) throw new StartupError('RETENTION_PERIOD_DAYS must be a whole number of days, at least 1');
  return { ms: days * DAY_MS };
}

/**
 * ERASURE_SCHEDULE_SECONDS: how often due erasures are looked for, every minute by default. ERASURE_STALL_SECONDS:
 * how long an erasure may wait for its participants, five minutes by default, beyond the batching window
 * (`erasureWindowMs`, KEYRING_ERASURE_WINDOW_SECONDS) that may keep it waiting for a KEK epoch to close, and
 * the interval at which epochs are checked.
 */
export function erasureScheduleOf(env: NodeJS.ProcessEnv, erasureWindowMs: number): ErasureSchedule {
  const seconds = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!(value > 0)) throw new StartupError(`${name} must be a positive number`);
    return value * 1000;
  };
  return {
    intervalMs: seconds('ERASURE_SCHEDULE_SECONDS', 60),
    stalledAfterMs: seconds('ERASURE_STALL_SECONDS', 300) + erasureWindowMs + epochCheckIntervalMs(erasureWindowMs),
  };
}
