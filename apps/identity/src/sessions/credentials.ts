import { Injectable } from '@nestjs/common';
import type { PrincipalIdentity } from '@privacy-ledger/auth';
import { isShredded, WritePath, type PersonalSubject } from '@privacy-ledger/ledger';
import { accountAggregate } from '../accounts/account.decider';
import { customerSubject } from '../accounts/account.events';
import { DECOY_HASH, verifyPassword } from '../passwords/password-hasher';
import { staffAggregate } from '../staff/staff.decider';
import { staffSubject } from '../staff/staff.events';
import { UsernameRegistry } from './username-registry';

/** Someone who can log in, as their own stream has them now. */
export interface Login {
  readonly identity: PrincipalIdentity;
  readonly username: string;
  readonly passwordHash: string;
  readonly name: string;
  /** The e-mail address on record: where a password reset goes. */
  readonly email: string;
  /** The account whose keyring holds this login's keys. */
  readonly keyringAccount: string;
}

/** Finds logins (customer or staff) by user name through the blind index, or by id, and checks passwords. */
@Injectable()
export class Credentials {
  constructor(
    private readonly writes: WritePath,
    private readonly usernames: UsernameRegistry,
  ) {}

  async check(username: string, password: string): Promise<Login | null> {
    const login = await this.byUsername(username);
    // The decoy keeps an unknown user name as slow as a wrong password.
    const valid = await verifyPassword(password, login?.passwordHash ?? DECOY_HASH);
    return valid && login ? login : null;
  }

  async byUsername(username: string): Promise<Login | null> {
    const subject = await this.usernames.holder(username);
    return subject ? this.bySubject(subject) : null;
  }

  byIdentity(identity: Pick<PrincipalIdentity, 'id' | 'kind'>): Promise<Login | null> {
    return this.bySubject(identity.kind === 'customer' ? customerSubject(identity.id) : staffSubject(identity.id));
  }

  async bySubject({ subjectId, accountId }: PersonalSubject): Promise<Login | null> {
    if (subjectId.startsWith('customer-')) {
      const { state } = await this.writes.load(accountAggregate, accountId);
      if (state.status !== 'open' || isShredded(state.secrets)) return null;
      const { username, passwordHash, name, email } = state.secrets;
      return { identity: { id: accountId, kind: 'customer', roles: [] }, username, passwordHash, name, email, keyringAccount: accountId };
    }
    const staffId = subjectId.slice('staff-'.length);
    const { state } = await this.writes.load(staffAggregate, staffId);
    if (state.status !== 'active' || isShredded(state.secrets)) return null;
    const { username, passwordHash, name, email } = state.secrets;
    return { identity: { id: staffId, kind: 'staff', roles: state.roles }, username, passwordHash, name, email, keyringAccount: accountId };
  }
}
