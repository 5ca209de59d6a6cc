import { createHmac } from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from '@privacy-ledger/sql';
import type { PersonalSubject } from '@privacy-ledger/ledger';

/** The keyed token of a value in a scope; case and surrounding spaces do not count. */
export function blindToken(key: Buffer, scope: string, value: string): string {
  return createHmac('sha256', key)
    .update(`${scope}\u0000${value.normalize('NFC').trim().toLowerCase()}`)
    .digest('hex');
}

/**
 * A keyed blind index (HMAC-SHA256) for look-ups by user name or e-mail. Only the token is stored;
 * the keyring deletes a subject's entries when it destroys the subject's key. A value is either claimed
 * (unique: one subject per user name) or indexed (shared: several subjects may have one e-mail address).
 */
export class BlindIndex {
  constructor(
    private readonly db: SqlDatabase,
    private readonly key: Buffer,
  ) {
    if (key.length < 32) throw new Error('the blind-index key must have at least 32 bytes');
  }

  token(scope: string, value: string): string {
    return blindToken(this.key, scope, value);
  }

  /**
   * True when the value is now, or already was, claimed by this subject; false when another holds it.
   * Pass a transaction so the claim stands or falls with the write it belongs to.
   */
  async claim(scope: string, value: string, subject: PersonalSubject, executor: SqlExecutor = this.db): Promise<boolean> {
    const [row] = await executor.query<{ subject_id: string }>(
      `insert into keyring_blind_index (scope, token, subject_id, account_id) values ($1, $2, $3, $4)
       on conflict (scope, token) do update set scope = excluded.scope returning subject_id`,
      [scope, this.token(scope, value), subject.subjectId, subject.accountId],
    );
    return row.subject_id === subject.subjectId;
  }

  async tokenHeldBy(scope: string, subject: PersonalSubject): Promise<string | null> {
    const [row] = await this.db.query<{ token: string }>('select token from keyring_blind_index where scope = $1 and subject_id = $2', [
      scope,
      subject.subjectId,
    ]);
    return row?.token ?? null;
  }

  async find(scope: string, value: string): Promise<PersonalSubject | null> {
    const [row] = await this.db.query<{ subject_id: string; account_id: string }>(
      'select subject_id, account_id from keyring_blind_index where scope = $1 and token = $2',
      [scope, this.token(scope, value)],
    );
    return row ? { subjectId: row.subject_id, accountId: row.account_id } : null;
  }

  /** Records the subject's current value in a scope where values may be shared, replacing its previous one. */
  async index(scope: string, value: string, subject: PersonalSubject, executor: SqlExecutor = this.db): Promise<void> {
    await executor.query(
      `insert into keyring_blind_lookup (scope, token, subject_id, account_id) values ($1, $2, $3, $4)
       on conflict (scope, subject_id) do update set token = excluded.token`,
      [scope, this.token(scope, value), subject.subjectId, subject.accountId],
    );
  }

  async findAll(scope: string, value: string): Promise<PersonalSubject[]> {
    const rows = await this.db.query<{ subject_id: string; account_id: string }>(
      'select subject_id, account_id from keyring_blind_lookup where scope = $1 and token = $2 order by subject_id',
      [scope, this.token(scope, value)],
    );
    return rows.map((row) => ({ subjectId: row.subject_id, accountId: row.account_id }));
  }
}
