/**
 * Slows repeated failures under one key (a user name's blind token, a session's step-up): after a few
 * free failures, each further one locks the key for twice as long, up to a ceiling.
 */
export interface AttemptThrottle {
  /** Seconds until the next attempt is allowed, or 0. */
  retryAfter(key: string): Promise<number>;
  failed(key: string): Promise<void>;
  succeeded(key: string): Promise<void>;
}

export const ATTEMPT_THROTTLE = Symbol('AttemptThrottle');

export const FREE_FAILURES = 5;
export const MAX_LOCK_SECONDS = 15 * 60;

/** How long the key is locked after this many failures in a row. */
export function lockSeconds(failures: number): number {
  return failures > FREE_FAILURES ? Math.min(MAX_LOCK_SECONDS, 2 ** (failures - FREE_FAILURES)) : 0;
}
