import type { EventStore, PendingAppend, PersonalSubject } from '@privacy-ledger/ledger';
import type { SqlDatabase, SqlExecutor } from '@privacy-ledger/sql';
import type { BlindIndex, UnboundBinding, ValueOf } from './blind-index';
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
    const sealed = async (values: Readonly<Record<string, string>>) =>
      Promise.all(
        Object.entries(values).map(async ([scope, value]) => ({ scope, value, sealed: await this.index.seal(scope, value, subject) })),
      );
    const [unique, shared] = [await sealed(claims.unique), await sealed(claims.shared)];
    try {
      await this.db.transaction(async (tx) => {
        await this.index.lockShared(tx);
        for (const { scope, value, sealed } of unique) if (!(await this.index.claim(scope, value, subject, sealed, tx))) throw refused;
        for (const { scope, value, sealed } of shared) await this.index.index(scope, value, subject, sealed, tx);
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

  token(scope: string, value: string): Promise<string> {
    return this.index.token(scope, value);
  }

  bindUnbound(valueOf: ValueOf, limit?: number): Promise<UnboundBinding> {
    return this.index.bindUnbound(valueOf, limit);
  }
}
