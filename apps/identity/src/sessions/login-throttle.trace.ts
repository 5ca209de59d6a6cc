import { Inject, Injectable } from '@nestjs/common';
import { ATTEMPT_THROTTLE, type AttemptThrottle } from '@privacy-ledger/auth';
import type { AccountTrace } from '@privacy-ledger/platform';
import { customerSubject } from '../accounts/account.events';
import { throttleKeysById } from './login-throttle';
import { throttleKeyOfHolder } from './username-registry';

/**
 * The login throttle's counts of an erased account: under its user name (from every address) and its id, all keyed by
 * the account, whatever its history.
 */
@Injectable()
export class LoginThrottleTrace implements AccountTrace {
  readonly name = 'login-throttle';

  constructor(@Inject(ATTEMPT_THROTTLE) private readonly throttle: AttemptThrottle) {}

  async forget(accountId: string): Promise<void> {
    for (const key of [throttleKeyOfHolder(customerSubject(accountId)), ...throttleKeysById(accountId)]) await this.throttle.forgetAll(key);
  }
}
