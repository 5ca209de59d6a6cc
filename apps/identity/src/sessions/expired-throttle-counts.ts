import { Inject, Injectable } from '@nestjs/common';
import { ATTEMPT_THROTTLE, type AttemptThrottle } from '@privacy-ledger/auth';
import { RepeatingTask } from '@privacy-ledger/platform';

/** The longest window identity counts tries in is a day: hourly, the table holds about a day of tries, whatever the epochs do. */
const EVERY_HOUR_MS = 3600_000;

/**
 * Forgets login-throttle counts whose window is over, at the start and every hour: without it, counts under names
 * and addresses pile up until identity's KEK epoch next closes, which without erasures may be never.
 */
@Injectable()
export class ExpiredThrottleCounts extends RepeatingTask {
  constructor(@Inject(ATTEMPT_THROTTLE) private readonly throttle: AttemptThrottle) {
    super('forgetting expired login-throttle counts', 'identity', EVERY_HOUR_MS);
  }

  protected async round(): Promise<void> {
    await this.throttle.forgetExpired();
  }
}
