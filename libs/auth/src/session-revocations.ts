import { migrate, type SqlDatabase } from '@privacy-ledger/sql';

export const SESSION_REVOCATIONS = Symbol('SessionRevocations');

/** Ends every session of a principal at once (after a password reset, say), in every service. */
export interface SessionRevocations {
  revokeAll(principalId: string, before: Date): Promise<void>;
  /** Tokens issued at or before this moment (ms) are no longer accepted, or null. */
  revokedBefore(principalId: string): Promise<number | null>;
}

export class SqlSessionRevocations implements SessionRevocations {
  private constructor(private readonly db: SqlDatabase) {}

  static async create(db: SqlDatabase): Promise<SqlSessionRevocations> {
    await migrate(db, 'auth-revocations', [
      `create table if not exists auth_session_revocations (principal_id text primary key, revoked_before timestamptz not null)`,
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

  async revokedBefore(principalId: string): Promise<number | null> {
    const [row] = await this.db.query<{ ms: unknown }>(
      'select floor(extract(epoch from revoked_before) * 1000) as ms from auth_session_revocations where principal_id = $1',
      [principalId],
      { prepare: 'auth_revoked_before' },
    );
    return row ? Number(row.ms) : null;
  }
}

export class InMemorySessionRevocations implements SessionRevocations {
  private readonly revoked = new Map<string, number>();

  async revokeAll(principalId: string, before: Date): Promise<void> {
    this.revoked.set(principalId, Math.max(this.revoked.get(principalId) ?? 0, before.getTime()));
  }

  async revokedBefore(principalId: string): Promise<number | null> {
    return this.revoked.get(principalId) ?? null;
  }
}
