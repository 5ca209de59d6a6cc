import { Inject, Injectable } from '@nestjs/common';
import { ATTEMPT_THROTTLE, type AttemptThrottle } from '@privacy-ledger/auth';
import type { AccountTrace } from '@privacy-ledger/platform';
import { customerSubject } from '../accounts/account.events';
import { throttleKeysById } from './login-throttle';
import { UsernameRegistry } from './username-registry';

/**
 * The login throttle's counts of an erased account: under its user name (from every address) and its id. The
 * name's key is found through the account's claim, before its keys and claims go: whatever the account's history.
 */
@Injectable()
export class LoginThrottleTrace implements AccountTrace {
  readonly name = 'login-throttle';

  constructor(
    private readonly usernames: UsernameRegistry,
    @Inject(ATTEMPT_THROTTLE) private readonly throttle: AttemptThrottle,
  ) {}

  async forget(accountId: string): Promise<void> {
    const nameKey = await this.usernames.throttleTokenHeldBy(customerSubject(accountId));
    for (const key of [...(nameKey ? [nameKey] : []), ...throttleKeysById(accountId)]) await this.throttle.forgetAll(key);
  }
}
