import { StartupError } from '@privacy-ledger/platform';

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

/** ERASURE_SCHEDULE_SECONDS: how often due erasures are looked for, every minute by default. */
export function erasureScheduleOf(env: NodeJS.ProcessEnv): { intervalMs: number } {
  const seconds = Number(env.ERASURE_SCHEDULE_SECONDS ?? 60);
  if (!(seconds > 0)) throw new StartupError('ERASURE_SCHEDULE_SECONDS must be a positive number');
  return { intervalMs: seconds * 1000 };
}
