import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { UNIQUE_CLAIMS, type UniqueClaims } from '@privacy-ledger/keyring';
import { isShredded, WritePath, type PersonalSubject } from '@privacy-ledger/ledger';
import { jsonLogger } from '@privacy-ledger/platform';
import { accountAggregate } from '../accounts/account.decider';
import { staffAggregate } from '../staff/staff.decider';
import { EMAIL_SCOPE, USERNAME_SCOPE } from './username-registry';

const logger = jsonLogger('identity');

/**
 * At each start, in the background: user names and e-mail addresses claimed before blind-index tokens were bound to
 * KEK epochs move under the open epoch's key, their values read from the logins' own events, so that no entry (nor a
 * copy of it) stays testable with the configured key alone once its epoch closes.
 */
@Injectable()
export class UnboundClaimsBinder implements OnApplicationBootstrap {
  constructor(
    @Inject(UNIQUE_CLAIMS) private readonly claims: UniqueClaims,
    private readonly writes: WritePath,
  ) {}

  onApplicationBootstrap(): void {
    void this.bind();
  }

  async bind(): Promise<void> {
    try {
      const { bound, deleted, unmatched } = await this.claims.bindUnbound((scope, subject) => this.valueOf(scope, subject));
      if (bound + deleted + unmatched > 0) logger.log({ msg: 'blind-index entries bound to the KEK epoch', bound, deleted, unmatched });
    } catch (error) {
      logger.error({ msg: 'binding blind-index entries to the KEK epoch failed', error: (error as Error).name });
    }
  }

  private async valueOf(scope: string, { subjectId, accountId }: PersonalSubject): Promise<string | null> {
    const { state } = subjectId.startsWith('staff-')
      ? await this.writes.load(staffAggregate, subjectId.slice('staff-'.length))
      : await this.writes.load(accountAggregate, accountId);
    if (state.status === 'none' || isShredded(state.secrets)) return null;
    if (scope === USERNAME_SCOPE) return state.secrets.username;
    if (scope === EMAIL_SCOPE) return state.secrets.email;
    throw new Error(`identity keeps no blind-index scope ${scope}`);
  }
}
