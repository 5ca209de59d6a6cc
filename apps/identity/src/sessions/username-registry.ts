import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation, type PendingAppend, type PersonalSubject } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import { EMAIL_SCOPE, USERNAME_SCOPE } from './credentials';

const TAKEN = 'this username is taken';

/** User names are unique across customers and staff, e-mail addresses may be shared; only keyed blind-index tokens are stored. */
@Injectable()
export class UsernameRegistry {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  /** The cheap early answer, before a password is hashed; `registerWith` settles a race for real. */
  async assertFree(username: string): Promise<void> {
    if (await this.platform.blindIndex.find(USERNAME_SCOPE, username)) throw new DomainRuleViolation('conflict', TAKEN);
  }

  /**
   * Claims the user name, indexes the e-mail address and appends the new login's first events in one
   * transaction: none is ever stored without the others.
   */
  async registerWith(login: { username: string; email: string }, subject: PersonalSubject, pending: PendingAppend<unknown, unknown>): Promise<void> {
    await this.platform.db.transaction(async (tx) => {
      if (!(await this.platform.blindIndex.claim(USERNAME_SCOPE, login.username, subject, tx))) throw new DomainRuleViolation('conflict', TAKEN);
      await this.platform.blindIndex.index(EMAIL_SCOPE, login.email, subject, tx);
      await this.platform.events.within(tx).append(pending.streamId, pending.events, { expectedRevision: pending.expectedRevision });
    });
  }

  /** Keeps the e-mail index on the current address, for password resets by e-mail. */
  async emailChanged(email: string, subject: PersonalSubject): Promise<void> {
    await this.platform.blindIndex.index(EMAIL_SCOPE, email, subject);
  }
}
