import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { UNIQUE_CLAIMS, type UnboundBinding, type UniqueClaims } from '@privacy-ledger/keyring';
import { isShredded, WritePath, type PersonalSubject } from '@privacy-ledger/ledger';
import { jsonLogger, StartupError } from '@privacy-ledger/platform';
import { accountAggregate } from '../accounts/account.decider';
import { staffAggregate } from '../staff/staff.decider';
import { EMAIL_SCOPE, USERNAME_SCOPE } from './username-registry';

const logger = jsonLogger('identity');
/** Entries of each kind bound before the start goes on: enough for a verdict on the configured key. */
const VERDICT_BATCH = 20;

/**
 * At each start: user names and e-mail addresses claimed before blind-index tokens were bound to KEK epochs move under
 * the open epoch's key, their values read from the logins' own events, so that none stays under the configured key.
 * A first batch is bound before identity serves: if no value it finds makes its entry's token, the configured key is
 * not theirs, and the start refuses (serving with it, look-ups would miss and a user name could be taken twice); the
 * rest is bound in the background.
 */
@Injectable()
export class UnboundClaimsBinder implements OnApplicationBootstrap {
  constructor(
    @Inject(UNIQUE_CLAIMS) private readonly claims: UniqueClaims,
    private readonly writes: WritePath,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (;;) {
      const batch = await this.bind(VERDICT_BATCH);
      if (batch.unmatched > 0 && batch.bound === 0)
        throw new StartupError(
          'KEYRING_BLIND_INDEX_KEY is not the key the blind-index entries an older version wrote were made with: none of ' +
            `${batch.unmatched} matches its login; configure the key they were made with`,
        );
      report(batch);
      // Entries of erased logins only go, and tell nothing of the key: another batch.
      if (batch.bound > 0 || batch.deleted === 0) break;
    }
    void this.bind().then(report, (error: unknown) =>
      logger.error({ msg: 'binding blind-index entries to the KEK epoch failed', error: (error as Error).name }),
    );
  }

  private bind(limit?: number): Promise<UnboundBinding> {
    return this.claims.bindUnbound((scope, subject) => this.valueOf(scope, subject), limit);
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

function report({ bound, deleted, unmatched }: UnboundBinding): void {
  if (bound + deleted + unmatched > 0) logger.log({ msg: 'blind-index entries bound to the KEK epoch', bound, deleted, unmatched });
}
