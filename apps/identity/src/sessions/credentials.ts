import { Inject, Injectable } from '@nestjs/common';
import { isShredded } from '@privacy-ledger/ledger';
import type { Principal } from '@privacy-ledger/auth';
import { AccountRepository, accountStream } from '../accounts/account.repository';
import { DECOY_HASH, verifyPassword } from '../passwords/password-hasher';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import { StaffRepository, staffStream } from '../staff/staff.repository';

export const USERNAME_SCOPE = 'username';

type Candidate = { principal: Omit<Principal, 'sessionId'>; passwordHash: string; keyringAccount: string };

/** Finds who a user name belongs to (customer or staff) through the blind index, and checks the password. */
@Injectable()
export class Credentials {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    private readonly accounts: AccountRepository,
    private readonly staff: StaffRepository,
  ) {}

  async check(username: string, password: string): Promise<(Omit<Principal, 'sessionId'> & { keyringAccount: string }) | null> {
    const candidate = await this.find(username);
    // The decoy keeps an unknown user name as slow as a wrong password.
    const valid = await verifyPassword(password, candidate?.passwordHash ?? DECOY_HASH);
    return valid && candidate ? { ...candidate.principal, keyringAccount: candidate.keyringAccount } : null;
  }

  private async find(username: string): Promise<Candidate | null> {
    const indexed = await this.platform.blindIndex.find(USERNAME_SCOPE, username);
    if (!indexed) return null;
    if (indexed.subjectId.startsWith('customer-')) {
      const { state } = await this.accounts.load(accountStream(indexed.accountId));
      if (state.status !== 'open' || isShredded(state.secrets)) return null;
      return { principal: { id: indexed.accountId, kind: 'customer', roles: [] }, passwordHash: state.secrets.passwordHash, keyringAccount: indexed.accountId };
    }
    const staffId = indexed.subjectId.slice('staff-'.length);
    const { state } = await this.staff.load(staffStream(staffId));
    if (state.status !== 'active' || isShredded(state.secrets)) return null;
    return { principal: { id: staffId, kind: 'staff', roles: state.roles }, passwordHash: state.secrets.passwordHash, keyringAccount: indexed.accountId };
  }
}
