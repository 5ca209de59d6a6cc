import type { EventStore, PendingAppend, PersonalSubject } from '@privacy-ledger/ledger';
import type { SqlDatabase, SqlExecutor } from '@privacy-ledger/sql';
import type { BlindIndex } from './blind-index';
import type { Claims, UniqueClaims } from './keyring.port';

/**
 * The ledger as the claims append to it: inside their SQL transaction when it lives in that database
 * (PostgresEventStore.within); a ledger elsewhere (KurrentDB) appends while the transaction holds the claims.
 */
export interface LedgerWithin {
  within(transaction: SqlExecutor): Pick<EventStore, 'append'>;
}

/** Claims in the keyring's blind-index tables, taken in the same transaction as the ledger append they belong to. */
export class SqlUniqueClaims implements UniqueClaims {
  constructor(
    private readonly db: SqlDatabase,
    private readonly index: BlindIndex,
    private readonly events: LedgerWithin,
  ) {}

  holder(scope: string, value: string): Promise<PersonalSubject | null> {
    return this.index.find(scope, value);
  }

  sharers(scope: string, value: string): Promise<PersonalSubject[]> {
    return this.index.findAll(scope, value);
  }

  async claimAndAppend(claims: Claims, subject: PersonalSubject, append: PendingAppend<unknown, unknown>): Promise<boolean> {
    const refused = new Error('refused');
    try {
      await this.db.transaction(async (tx) => {
        for (const [scope, value] of Object.entries(claims.unique)) if (!(await this.index.claim(scope, value, subject, tx))) throw refused;
        for (const [scope, value] of Object.entries(claims.shared)) await this.index.index(scope, value, subject, tx);
        await this.events.within(tx).append(append.streamId, append.events, { expectedRevision: append.expectedRevision });
      });
      return true;
    } catch (error) {
      if (error !== refused) throw error;
      if (append.expectedRevision === 'no_stream')
        await this.db.query('delete from keyring_data_keys where account_id = $1', [subject.accountId]);
      return false;
    }
  }

  token(scope: string, value: string): string {
    return this.index.token(scope, value);
  }

  tokenHeldBy(scope: string, subject: PersonalSubject): Promise<string | null> {
    return this.index.tokenHeldBy(scope, subject);
  }
}
