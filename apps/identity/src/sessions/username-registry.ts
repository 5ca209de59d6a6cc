import { Inject, Injectable } from '@nestjs/common';
import { UNIQUE_CLAIMS, type UniqueClaims } from '@privacy-ledger/keyring';
import { DomainRuleViolation, type PendingAppend, type PersonalSubject } from '@privacy-ledger/ledger';
import { HELD_NAME } from './login-throttle';

export const USERNAME_SCOPE = 'username';
export const EMAIL_SCOPE = 'email';

const TAKEN = 'this username is taken';

/** User names are unique across customers and staff, e-mail addresses may be shared; only keyed blind-index tokens are stored. */
@Injectable()
export class UsernameRegistry {
  constructor(@Inject(UNIQUE_CLAIMS) private readonly claims: UniqueClaims) {}

  /** The cheap early answer, before a password is hashed; `registerWith` settles a race for real. */
  async assertFree(username: string): Promise<void> {
    if (await this.claims.holder(USERNAME_SCOPE, username)) throw new DomainRuleViolation('conflict', TAKEN);
  }

  /** Claims the user name, indexes the e-mail address and appends the new login's first events: none is ever stored without the others. */
  async registerWith(
    login: { username: string; email: string },
    subject: PersonalSubject,
    pending: PendingAppend<unknown, unknown>,
  ): Promise<void> {
    const claimed = await this.claims.claimAndAppend(
      { unique: { [USERNAME_SCOPE]: login.username }, shared: { [EMAIL_SCOPE]: login.email } },
      subject,
      pending,
    );
    if (!claimed) throw new DomainRuleViolation('conflict', TAKEN);
  }

  /** Moves the e-mail index to the new address, for password resets by e-mail, in the transaction that appends the change. */
  async changeEmailWith(email: string, subject: PersonalSubject, pending: PendingAppend<unknown, unknown>): Promise<void> {
    await this.claims.claimAndAppend({ unique: {}, shared: { [EMAIL_SCOPE]: email } }, subject, pending);
  }

  holder(username: string): Promise<PersonalSubject | null> {
    return this.claims.holder(USERNAME_SCOPE, username);
  }

  holdersOfEmail(email: string): Promise<PersonalSubject[]> {
    return this.claims.sharers(EMAIL_SCOPE, email);
  }

  /**
   * The login throttle's key for a user name, revealing nothing of it: its holder's subject, so that an erasure finds
   * the name's counts by account; for a name no one holds, its token under the open KEK epoch's key.
   */
  async throttleKeyOfName(username: string): Promise<string> {
    const holder = await this.holder(username);
    return holder ? throttleKeyOfHolder(holder) : this.claims.token(USERNAME_SCOPE, username);
  }

  /** The login throttle's key for a client address: its token under the open KEK epoch's key. */
  throttleKeyOfAddress(address: string): Promise<string> {
    return this.claims.token('login-throttle:address', address);
  }
}

export function throttleKeyOfHolder(subject: PersonalSubject): string {
  return `${HELD_NAME}${subject.subjectId}`;
}
