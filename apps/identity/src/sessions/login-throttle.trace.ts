import { Inject, Injectable } from '@nestjs/common';
import { ATTEMPT_THROTTLE, type AttemptThrottle } from '@privacy-ledger/auth';
import type { AccountTrace } from '@privacy-ledger/platform';
import { customerSubject } from '../accounts/account.events';
import { Credentials } from './credentials';
import { throttleKeysOf } from './login-throttle';
import { UsernameRegistry } from './username-registry';

/**
 * The login throttle's counts of an erased account: under its user name (from every address) and its id. The
 * name is read from the account before its keys go; after them, there is no name to find the counts by.
 */
@Injectable()
export class LoginThrottleTrace implements AccountTrace {
  readonly name = 'login-throttle';

  constructor(
    private readonly credentials: Credentials,
    private readonly usernames: UsernameRegistry,
    @Inject(ATTEMPT_THROTTLE) private readonly throttle: AttemptThrottle,
  ) {}

  async forget(accountId: string): Promise<void> {
    const login = await this.credentials.bySubject(customerSubject(accountId));
    if (!login) return;
    for (const key of throttleKeysOf(this.usernames, login.username, accountId)) await this.throttle.forgetAll(key);
  }
}
