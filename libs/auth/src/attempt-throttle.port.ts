import { DomainRuleViolation } from '@privacy-ledger/ledger';

/**
 * How many tries a key takes: `freeTries` in a burst, then each further try locks the key twice as long as
 * the one before (2 s, 4 s, ... up to 15 minutes). The count starts afresh `windowSeconds` after the
 * window's first try, and no lock outlasts its window.
 */
export interface AttemptLimit {
  readonly freeTries: number;
  readonly windowSeconds: number;
}

/**
 * Counts tries under opaque keys (a blind token of a user name, a client address, a session), so every
 * process of a service shares them. A try is reserved before its password is evaluated, in one atomic step,
 * so that parallel tries are counted one by one and refused once the key is locked.
 */
export interface AttemptThrottle {
  /** Counts one try under `key`, or counts nothing and says how many seconds the key stays locked. */
  reserve(key: string, limit: AttemptLimit): Promise<Reservation>;
  /** Gives back one reserved try: it was refused under another key, or it succeeded. */
  release(key: string, limit: AttemptLimit): Promise<void>;
  /** Forgets every try under `key`: whoever tried proved who they are. */
  clear(key: string): Promise<void>;
  /** Forgets every try under `key` and under every key derived from it (`key` + `/` + more): an erased account's. */
  forgetAll(key: string): Promise<void>;
  /** Forgets every try but those under keys that start with one of `kept`: counts under keys no one can make again. */
  forgetAllBut(kept: readonly string[]): Promise<void>;
  /** Forgets the counts whose window is over (the next try under them starts afresh anyway); says how many. */
  forgetExpired(): Promise<number>;
}

/** A key counted within another (a name from one address, within the name): forgetting the outer key forgets it too. */
export const keyWithin = (outer: string, inner: string) => `${outer}/${inner}`;

export type Reservation = { readonly reserved: true } | { readonly reserved: false; readonly retryAfterSeconds: number };

export const ATTEMPT_THROTTLE = Symbol('AttemptThrottle');

export const MAX_LOCK_SECONDS = 15 * 60;

/** How long a key is locked right after its `tries`-th try in a window. */
export function lockSeconds(tries: number, { freeTries }: AttemptLimit): number {
  return tries >= freeTries ? Math.min(MAX_LOCK_SECONDS, 2 ** (tries - freeTries + 1)) : 0;
}

/** A try refused by the throttle: a 429 whose Retry-After header says when to try again. */
export class TooManyAttemptsError extends DomainRuleViolation {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_attempts', `too many failed attempts: try again in ${retryAfterSeconds} seconds`);
  }
}
