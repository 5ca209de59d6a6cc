import { Inject, Injectable } from '@nestjs/common';
import { ATTEMPT_THROTTLE, type AttemptThrottle } from '@privacy-ledger/auth';
import { DomainRuleViolation } from '@privacy-ledger/ledger';

/** Repeated failures under one key (a user name, a session's step-up) lock it for longer and longer. */
@Injectable()
export class ThrottledAttempts {
  constructor(@Inject(ATTEMPT_THROTTLE) private readonly throttle: AttemptThrottle) {}

  async attempt<T>(key: string, attempt: () => Promise<T | null>): Promise<T | null> {
    const wait = await this.throttle.retryAfter(key);
    if (wait > 0) throw new DomainRuleViolation('too_many_attempts', `too many failed attempts: try again in ${wait} seconds`);
    const result = await attempt();
    await (result ? this.throttle.succeeded(key) : this.throttle.failed(key));
    return result;
  }
}
