import { randomBytes } from 'node:crypto';
import type { Decrypted, PersonalSubject } from '@privacy-ledger/ledger';
import { migrate, toBytes, toNumber, type SqlDatabase } from '@privacy-ledger/sql';
import { open, seal, subjectOf, unwrapKey, wrapKey } from './envelope';
import { SubjectErasedError } from './errors';
import type { KeyEncryptionKeys } from './key-encryption-keys';
import type { Keyring } from './keyring.port';
import { KEYRING_SCHEMA } from './keyring-schema';

const DESTROYED_CHANNEL = 'keyring_destroyed';
/** Fallback for a missed notification: no cached key outlives a destroy by more than this. */
const CACHE_TTL_MS = 750;

interface CachedKey {
  key: Buffer;
  accountId: string;
  expiresAt: number;
}

interface KeyRow {
  account_id: string;
  epoch: unknown;
  wrapped_key: unknown;
}

/**
 * The keyring on PostgreSQL (server or PGlite): a data key per subject (its `accountId` says whose
 * keyring it belongs to), stored only wrapped under the current KEK epoch.
 * Every process that shares the database drops a destroyed key at once (LISTEN/NOTIFY) or within the TTL.
 */
export class SqlKeyring implements Keyring {
  private readonly live = new Map<string, CachedKey>();
  private readonly shredded = new Set<string>();
  private retired = new Set<number>();
  private stopListening: (() => Promise<void>) | null = null;

  private constructor(
    private readonly db: SqlDatabase,
    private readonly keks: KeyEncryptionKeys,
  ) {}

  static async create(db: SqlDatabase, keks: KeyEncryptionKeys): Promise<SqlKeyring> {
    await migrate(db, 'keyring', KEYRING_SCHEMA);
    const keyring = new SqlKeyring(db, keks);
    keyring.stopListening = await db.listen(DESTROYED_CHANNEL, (payload) => keyring.forget(payload));
    keyring.retired = await keyring.retiredEpochs();
    if (keyring.retired.has(keks.currentEpoch())) throw new Error(`KEK epoch ${keks.currentEpoch()} is retired: configure a newer epoch`);
    return keyring;
  }

  async close(): Promise<void> {
    await this.stopListening?.();
  }

  async encrypt(subject: PersonalSubject, value: unknown): Promise<Uint8Array> {
    const key = await this.keyForWriting(subject);
    return seal(subject.subjectId, key, Buffer.from(JSON.stringify(value), 'utf8'));
  }

  /** Never throws for a destroyed key: the caller gets a typed "shredded" value instead. */
  async decrypt<T>(sealed: Uint8Array): Promise<Decrypted<T>> {
    const [decrypted] = await this.decryptMany<T>([sealed]);
    return decrypted;
  }

  /** Looks up each subject's key not yet cached in one query, then decrypts synchronously: the replay path. */
  async decryptMany<T>(sealed: readonly Uint8Array[]): Promise<Decrypted<T>[]> {
    const subjects = sealed.map(subjectOf);
    const keys = await this.keysForReading(subjects);
    return sealed.map((part, index) => {
      const subjectId = subjects[index];
      const key = keys.get(subjectId);
      return key ? { status: 'ok', value: JSON.parse(open(part, key).toString('utf8')) as T } : { status: 'shredded', subjectId };
    });
  }

  async destroy(subjectId: string, accountId: string): Promise<void> {
    await this.db.query(
      `insert into keyring_keys (subject_id, account_id, destroyed_at) values ($1, $2, now())
       on conflict (subject_id) do update set wrapped_key = null, epoch = null, destroyed_at = coalesce(keyring_keys.destroyed_at, now())`,
      [subjectId, accountId],
    );
    await this.db.query('delete from keyring_blind_index where subject_id = $1', [subjectId]);
    await this.db.query('delete from keyring_blind_lookup where subject_id = $1', [subjectId]);
    this.forget(`subject:${subjectId}`);
    await this.db.notify(DESTROYED_CHANNEL, `subject:${subjectId}`);
  }

  /** Destroys every key of the account and fences it, so no subject of it can get a key again. Returns the subjects. */
  async destroyAccount(accountId: string): Promise<string[]> {
    const rows = await this.db.transaction(async (tx) => {
      await tx.query('insert into keyring_erased_accounts (account_id) values ($1) on conflict do nothing', [accountId]);
      await tx.query('delete from keyring_blind_index where account_id = $1', [accountId]);
      await tx.query('delete from keyring_blind_lookup where account_id = $1', [accountId]);
      return tx.query<{ subject_id: string }>(
        `update keyring_keys set wrapped_key = null, epoch = null, destroyed_at = coalesce(destroyed_at, now())
         where account_id = $1 returning subject_id`,
        [accountId],
      );
    });
    this.forget(`account:${accountId}`);
    await this.db.notify(DESTROYED_CHANNEL, `account:${accountId}`);
    return rows.map((row) => row.subject_id).sort();
  }

  /**
   * Re-wraps every live key under the newest KEK epoch and retires the older epochs, so that a destroyed
   * key's wrapped copy in a backup or a dead row can no longer be unwrapped. Returns the new current epoch.
   */
  async rotate(): Promise<number> {
    const target = await this.keks.addEpoch().catch(() => this.keks.currentEpoch());
    const targetKek = this.requireKek(target);
    for (;;) {
      const batch = await this.db.query<{ subject_id: string; epoch: unknown; wrapped_key: unknown }>(
        'select subject_id, epoch, wrapped_key from keyring_keys where wrapped_key is not null and epoch < $1 limit 500',
        [target],
      );
      if (batch.length === 0) break;
      for (const row of batch) {
        const dataKey = unwrapKey(toBytes(row.wrapped_key), this.requireKek(toNumber(row.epoch)));
        await this.db.query('update keyring_keys set epoch = $2, wrapped_key = $3 where subject_id = $1 and epoch = $4', [
          row.subject_id,
          target,
          wrapKey(row.subject_id, targetKek, dataKey),
          toNumber(row.epoch),
        ]);
      }
    }
    await this.db.query(
      `insert into keyring_retired_epochs (epoch) select e from generate_series(1, $1::integer - 1) e on conflict do nothing`,
      [target],
    );
    await this.keks.forgetBefore(target);
    this.retired = await this.retiredEpochs();
    return target;
  }

  async retiredEpochs(): Promise<Set<number>> {
    const rows = await this.db.query<{ epoch: unknown }>('select epoch from keyring_retired_epochs');
    return new Set(rows.map((row) => toNumber(row.epoch)));
  }

  private async keyForWriting(subject: PersonalSubject): Promise<Buffer> {
    const cached = this.cached(subject.subjectId);
    if (cached) return cached;
    const epoch = this.keks.currentEpoch();
    const dataKey = randomBytes(32);
    const [created] = await this.db.query<{ subject_id: string }>(
      `insert into keyring_keys (subject_id, account_id, epoch, wrapped_key)
       select $1, $2, $3, $4 where not exists (select 1 from keyring_erased_accounts where account_id = $2)
       on conflict (subject_id) do nothing returning subject_id`,
      [subject.subjectId, subject.accountId, epoch, wrapKey(subject.subjectId, this.requireKek(epoch), dataKey)],
    );
    if (created) return this.remember(subject.subjectId, subject.accountId, dataKey);
    const existing = await this.keyForReading(subject.subjectId);
    if (!existing) throw new SubjectErasedError(subject.subjectId);
    return existing;
  }

  private async keyForReading(subjectId: string): Promise<Buffer | null> {
    return (await this.keysForReading([subjectId])).get(subjectId) ?? null;
  }

  /** The live keys of these subjects, from the cache or from one query; destroyed ones are left out. */
  private async keysForReading(subjectIds: readonly string[]): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    const missing = new Set<string>();
    for (const subjectId of subjectIds) {
      const cached = keys.has(subjectId) ? undefined : this.cached(subjectId);
      if (cached) keys.set(subjectId, cached);
      else if (!keys.has(subjectId) && !this.shredded.has(subjectId)) missing.add(subjectId);
    }
    if (missing.size === 0) return keys;
    const rows = await this.db.query<KeyRow & { subject_id: string }>(
      'select subject_id, account_id, epoch, wrapped_key from keyring_keys where subject_id = any($1::text[])',
      [[...missing]],
    );
    for (const row of rows) {
      if (row.wrapped_key === null) this.shredded.add(row.subject_id);
      else
        keys.set(
          row.subject_id,
          this.remember(row.subject_id, row.account_id, unwrapKey(toBytes(row.wrapped_key), this.requireKek(toNumber(row.epoch)))),
        );
    }
    return keys;
  }

  private cached(subjectId: string): Buffer | undefined {
    const entry = this.live.get(subjectId);
    if (!entry) return undefined;
    if (entry.expiresAt > performance.now()) return entry.key;
    this.live.delete(subjectId);
    return undefined;
  }

  private remember(subjectId: string, accountId: string, key: Buffer): Buffer {
    this.live.set(subjectId, { key, accountId, expiresAt: performance.now() + CACHE_TTL_MS });
    return key;
  }

  private forget(payload: string): void {
    const [kind, id] = [payload.slice(0, payload.indexOf(':')), payload.slice(payload.indexOf(':') + 1)];
    if (kind === 'subject') {
      this.live.delete(id);
      this.shredded.add(id);
    } else if (kind === 'account') {
      for (const [subjectId, entry] of this.live) if (entry.accountId === id) this.live.delete(subjectId);
    }
  }

  private requireKek(epoch: number): Buffer {
    const kek = this.retired.has(epoch) ? undefined : this.keks.keyOf(epoch);
    if (!kek) throw new Error(`no key-encryption key for epoch ${epoch}: it was retired or is not configured`);
    return kek;
  }
}
