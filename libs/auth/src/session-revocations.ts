import { migrate, type SqlDatabase } from '@privacy-ledger/sql';

export const SESSION_REVOCATIONS = Symbol('SessionRevocations');

/** What every service asks of a principal before it serves a token: sessions ended before a moment, and a closed account. */
export interface PrincipalStanding {
  /** Tokens issued at or before this moment (ms) are no longer accepted, or null. */
  readonly revokedBefore: number | null;
  /** Since when (ms) the customer's account is closed, or null while it is open. */
  readonly closedSince: number | null;
}

/**
 * Ends every session of a principal at once (after a password reset, say), and fences a closed account, in
 * every service: they all ask the same store.
 */
export interface SessionRevocations {
  revokeAll(principalId: string, before: Date): Promise<void>;
  /**
   * Closes the account (`closedSince`) or opens it again (null), as of `at`: an older change than the one
   * recorded changes nothing, so a late replay of an earlier closure cannot close a reactivated account.
   */
  setAccountClosed(accountId: string, closedSince: Date | null, at: Date): Promise<void>;
  standingOf(principalId: string): Promise<PrincipalStanding>;
}

export class SqlSessionRevocations implements SessionRevocations {
  private constructor(private readonly db: SqlDatabase) {}

  static async create(db: SqlDatabase): Promise<SqlSessionRevocations> {
    await migrate(db, 'auth-revocations', [
      `create table if not exists auth_session_revocations (principal_id text primary key, revoked_before timestamptz not null)`,
      `create table if not exists auth_account_closures (
         account_id text primary key,
         closed_since timestamptz,
         changed_at timestamptz not null
       )`,
    ]);
    return new SqlSessionRevocations(db);
  }

  async revokeAll(principalId: string, before: Date): Promise<void> {
    await this.db.query(
      `insert into auth_session_revocations (principal_id, revoked_before) values ($1, $2)
       on conflict (principal_id) do update
         set revoked_before = greatest(auth_session_revocations.revoked_before, excluded.revoked_before)`,
      [principalId, before.toISOString()],
    );
  }

  async setAccountClosed(accountId: string, closedSince: Date | null, at: Date): Promise<void> {
    await this.db.query(
      `insert into auth_account_closures (account_id, closed_since, changed_at) values ($1, $2, $3)
       on conflict (account_id) do update set closed_since = excluded.closed_since, changed_at = excluded.changed_at
       where auth_account_closures.changed_at < excluded.changed_at`,
      [accountId, closedSince?.toISOString() ?? null, at.toISOString()],
    );
  }

  async standingOf(principalId: string): Promise<PrincipalStanding> {
    const [row] = await this.db.query<{ revoked: unknown; closed: unknown }>(
      `select (select floor(extract(epoch from revoked_before) * 1000) from auth_session_revocations where principal_id = $1) as revoked,
              (select floor(extract(epoch from closed_since) * 1000) from auth_account_closures where account_id = $1) as closed`,
      [principalId],
      { prepare: 'auth_standing_of' },
    );
    return { revokedBefore: msOrNull(row?.revoked), closedSince: msOrNull(row?.closed) };
  }
}

const msOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export class InMemorySessionRevocations implements SessionRevocations {
  private readonly revoked = new Map<string, number>();
  private readonly closures = new Map<string, { closedSince: number | null; changedAt: number }>();

  async revokeAll(principalId: string, before: Date): Promise<void> {
    this.revoked.set(principalId, Math.max(this.revoked.get(principalId) ?? 0, before.getTime()));
  }

  async setAccountClosed(accountId: string, closedSince: Date | null, at: Date): Promise<void> {
    if ((this.closures.get(accountId)?.changedAt ?? -Infinity) >= at.getTime()) return;
    this.closures.set(accountId, { closedSince: closedSince?.getTime() ?? null, changedAt: at.getTime() });
  }

  async standingOf(principalId: string): Promise<PrincipalStanding> {
    return { revokedBefore: this.revoked.get(principalId) ?? null, closedSince: this.closures.get(principalId)?.closedSince ?? null };
  }
}
