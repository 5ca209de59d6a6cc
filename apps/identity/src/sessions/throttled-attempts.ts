import { Inject, Injectable } from '@nestjs/common';
import { ATTEMPT_THROTTLE, TooManyAttemptsError, type AttemptLimit, type AttemptThrottle } from '@privacy-ledger/auth';

/** One key a try is counted under, and what its success does there. */
export interface ThrottleKey {
  readonly key: string;
  readonly limit: AttemptLimit;
  /** `clear`: a success forgets the key's failures; `release`: it only gives its own try back (a key others share). */
  readonly onSuccess: 'clear' | 'release';
}

/**
 * A try is counted under every key before it is evaluated, and refused (counted nowhere) while any key is
 * locked, so parallel tries cannot slip past the count and a refusal under one key costs nothing under another.
 */
@Injectable()
export class ThrottledAttempts {
  constructor(@Inject(ATTEMPT_THROTTLE) private readonly throttle: AttemptThrottle) {}

  async attempt<T>(keys: readonly ThrottleKey[], attempt: () => Promise<T | null>): Promise<T | null> {
    const reserved: ThrottleKey[] = [];
    for (const key of keys) {
      const reservation = await this.throttle.reserve(key.key, key.limit);
      if (!reservation.reserved) {
        await Promise.all(reserved.map(({ key, limit }) => this.throttle.release(key, limit)));
        throw new TooManyAttemptsError(reservation.retryAfterSeconds);
      }
      reserved.push(key);
    }
    const result = await attempt();
    if (result)
      await Promise.all(
        keys.map(({ key, limit, onSuccess }) => (onSuccess === 'clear' ? this.throttle.clear(key) : this.throttle.release(key, limit))),
      );
    return result;
  }
}
