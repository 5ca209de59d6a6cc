import { randomBytes } from 'node:crypto';
import type { Decrypted, PersonalSubject, SealedPart, SealedPlace } from '@privacy-ledger/ledger';
import { FOREIGN_KEY_VIOLATION, migrate, sqlErrorCode, toBytes, toNumber, type SqlDatabase, type SqlExecutor } from '@privacy-ledger/sql';
import { BlindIndex } from './blind-index';
import { macUnder, openValue, seal, subjectOf } from './envelope';
import { KeyKeptElsewhereError, SubjectErasedError } from './errors';
import type { KekStore } from './kek-store.port';
import type { DestroyedKey, EpochClosure, Keyring, OpenEpoch, RetiredEpoch, UniqueClaims } from './keyring.port';
import { KEYRING_SCHEMA } from './keyring-schema';
import { SqlKeyringEpochs } from './sql-keyring-epochs';
import { SqlUniqueClaims, type LedgerWithin } from './sql-unique-claims';
import { wrapDataKey } from './key-wrap';

const DESTROYED_CHANNEL = 'keyring_destroyed';
/** Fallback for a missed notification: no cached key outlives a destroy by more than this. */
const CACHE_TTL_MS = 750;

/** A data key and the account it belongs to, which a part read from a read model must name. */
interface KnownKey {
  key: Buffer;
  accountId: string;
}

interface CachedKey extends KnownKey {
  expiresAt: number;
}

interface KeyRow {
  subject_id: string;
  owner: string;
  account_id: string;
  epoch: unknown;
  wrapped_key: unknown;
}

/**
 * The keyring on PostgreSQL (server or PGlite): a data key per subject (its `accountId` says whose
 * keyring it belongs to), stored only wrapped to the owner's current KEK epoch, whose private key lives
 * in the KEK store. Every process that shares the database drops a destroyed key at once (LISTEN/NOTIFY)
 * or within the TTL.
 */
export class SqlKeyring implements Keyring {
  private readonly live = new Map<string, CachedKey>();
  private readonly shredded = new Set<string>();
  private stopListening: (() => Promise<void>) | null = null;
  private readonly blindIndex: BlindIndex;

  private constructor(
    private readonly db: SqlDatabase,
    private readonly epochs: SqlKeyringEpochs,
    blindIndexKey: Buffer,
  ) {
    this.blindIndex = new BlindIndex(db, epochs, this, blindIndexKey);
  }

  /**
   * Refuses to start with a KEK store that is not this database's (a missing or different key for a live epoch).
   * `blindIndexKey` (KEYRING_BLIND_INDEX_KEY) finds the blind-index entries an older version wrote, until they are bound
   * to the KEK epoch: the same in every process of the database.
   */
  static async create(db: SqlDatabase, owner: string, store: KekStore, blindIndexKey: Buffer): Promise<SqlKeyring> {
    if (blindIndexKey.length < 32) throw new Error('the blind-index key must have at least 32 bytes');
    await migrate(db, 'keyring', KEYRING_SCHEMA);
    const epochs = new SqlKeyringEpochs(db, owner, store);
    await epochs.verify();
    const keyring = new SqlKeyring(db, epochs, blindIndexKey);
    keyring.stopListening = await db.listen(DESTROYED_CHANNEL, (payload) => keyring.forget(payload));
    return keyring;
  }

  get owner(): string {
    return this.epochs.owner;
  }

  async close(): Promise<void> {
    await this.stopListening?.();
  }

  async encrypt(subject: PersonalSubject, value: unknown, place: SealedPlace): Promise<Uint8Array> {
    const key = await this.keyForWriting(subject);
    return seal(subject.subjectId, key, Buffer.from(JSON.stringify(value), 'utf8'), place);
  }

  async mac(subject: PersonalSubject, value: string): Promise<string> {
    return macUnder(await this.keyForWriting(subject), value);
  }

  /** Never throws for a destroyed key: the caller gets a typed "shredded" value instead. */
  async decrypt<T>(part: SealedPart): Promise<Decrypted<T>> {
    const [decrypted] = await this.decryptMany<T>([part]);
    return decrypted;
  }

  /** Looks up each subject's key not yet cached in one query, then decrypts: the replay path. */
  async decryptMany<T>(parts: readonly SealedPart[]): Promise<Decrypted<T>[]> {
    const subjects = parts.map((part) => subjectOf(part.sealed));
    const keys = await this.keysForReading(subjects);
    return parts.map((part, index) => {
      const known = keys.get(subjects[index]);
      return known
        ? { status: 'ok', value: openValue<T>(part, known.key, known.accountId) }
        : { status: 'shredded', subjectId: subjects[index] };
    });
  }

  /** The key is gone from the live row at once; its copies (dead rows, WAL, backups) die when the current epoch closes. */
  async destroy(subjectId: string, accountId: string): Promise<void> {
    await this.db.query(
      `insert into keyring_data_keys (subject_id, owner, account_id, destroyed_at, erased_in_epoch)
       values ($1, $2, $3, now(), (select max(epoch) from keyring_epochs where owner = $2))
       on conflict (subject_id) do update set wrapped_key = null, epoch = null,
         destroyed_at = coalesce(keyring_data_keys.destroyed_at, now()),
         erased_in_epoch = coalesce(keyring_data_keys.erased_in_epoch, excluded.erased_in_epoch)
       where keyring_data_keys.owner = $2`,
      [subjectId, this.owner, accountId],
    );
    await this.db.query('delete from keyring_blind_index where subject_id = $1', [subjectId]);
    await this.db.query('delete from keyring_blind_lookup where subject_id = $1', [subjectId]);
    this.forget(`subject:${subjectId}`);
    await this.db.notify(DESTROYED_CHANNEL, `subject:${subjectId}`);
  }

  /** Destroys every key of the account and fences it, so no subject of it can get a key again. Returns the subjects. */
  async destroyAccount(accountId: string): Promise<DestroyedKey[]> {
    const rows = await this.db.transaction(async (tx) => {
      await lockAccount(tx, accountId);
      await tx.query('insert into keyring_erased_accounts (account_id) values ($1) on conflict do nothing', [accountId]);
      // Not another keyring's subjects' entries: a service erasing the same account first leaves those to their owner.
      const own = 'subject_id not in (select subject_id from keyring_data_keys where account_id = $1 and owner <> $2)';
      await tx.query(`delete from keyring_blind_index where account_id = $1 and ${own}`, [accountId, this.owner]);
      await tx.query(`delete from keyring_blind_lookup where account_id = $1 and ${own}`, [accountId, this.owner]);
      return tx.query<{ subject_id: string; destroyed_at: unknown; erased_in_epoch: unknown }>(
        `update keyring_data_keys set wrapped_key = null, epoch = null, destroyed_at = coalesce(destroyed_at, now()),
           erased_in_epoch = coalesce(erased_in_epoch, (select max(epoch) from keyring_epochs where owner = $2))
         where account_id = $1 and owner = $2 returning subject_id, destroyed_at, erased_in_epoch`,
        [accountId, this.owner],
      );
    });
    this.forget(`account:${accountId}`);
    await this.db.notify(DESTROYED_CHANNEL, `account:${accountId}`);
    return rows
      .map((row) => ({
        subjectId: row.subject_id,
        destroyedAt: new Date(row.destroyed_at as string),
        epoch: row.erased_in_epoch === null ? null : toNumber(row.erased_in_epoch),
      }))
      .sort((a, b) => a.subjectId.localeCompare(b.subjectId));
  }

  async isErased(accountId: string): Promise<boolean> {
    const rows = await this.db.query('select 1 from keyring_erased_accounts where account_id = $1', [accountId]);
    return rows.length > 0;
  }

  async liveKeys(subjectIds: readonly string[]): Promise<string[]> {
    const rows = await this.db.query<{ subject_id: string }>(
      'select subject_id from keyring_data_keys where owner = $1 and subject_id = any($2) and wrapped_key is not null order by subject_id',
      [this.owner, [...subjectIds]],
    );
    return rows.map((row) => row.subject_id);
  }

  async liveKeysOf(accountId: string): Promise<string[]> {
    const rows = await this.db.query<{ subject_id: string }>(
      'select subject_id from keyring_data_keys where owner = $1 and account_id = $2 and wrapped_key is not null order by subject_id',
      [this.owner, accountId],
    );
    return rows.map((row) => row.subject_id);
  }

  async subjectsOf(accountId: string): Promise<string[]> {
    const rows = await this.db.query<{ subject_id: string }>(
      'select subject_id from keyring_data_keys where owner = $1 and account_id = $2 order by subject_id',
      [this.owner, accountId],
    );
    return rows.map((row) => row.subject_id);
  }

  retiredEpochs(): Promise<RetiredEpoch[]> {
    return this.epochs.retired();
  }

  openEpoch(): Promise<OpenEpoch> {
    return this.epochs.openEpoch();
  }

  closeEpoch(): Promise<EpochClosure> {
    return this.epochs.close((epoch) => this.blindIndex.moveTo(epoch));
  }

  /** Look-ups by user name or e-mail address in this keyring's blind index, claimed with the appends they belong to. */
  claims(ledger: LedgerWithin): UniqueClaims {
    return new SqlUniqueClaims(this.db, this.blindIndex, ledger);
  }

  private async keyForWriting(subject: PersonalSubject): Promise<Buffer> {
    if (subject.keptBy && subject.keptBy !== this.owner) return this.keyForHandOver(subject, subject.keptBy);
    const cached = this.cached(subject.subjectId);
    if (cached) return cached.key;
    const dataKey = randomBytes(32);
    if (
      await this.insertKey(
        subject,
        this.owner,
        dataKey,
        () => this.epochs.latest(),
        () => this.epochs.refresh(),
      )
    )
      return this.remember(subject.subjectId, subject.accountId, dataKey).key;
    const existing = await this.keyForReading(subject.subjectId);
    if (!existing) throw new SubjectErasedError(subject.subjectId);
    return existing.key;
  }

  /** A new key wrapped to the keeper's public epoch key: this service seals with it once and can never unwrap it. */
  private async keyForHandOver(subject: PersonalSubject, keeper: string): Promise<Buffer> {
    const dataKey = randomBytes(32);
    const latest = () => this.epochs.latestOf(keeper);
    if (await this.insertKey(subject, keeper, dataKey, latest, latest)) return dataKey;
    const [row] = await this.db.query<{ wrapped_key: unknown }>('select wrapped_key from keyring_data_keys where subject_id = $1', [
      subject.subjectId,
    ]);
    if (!row || row.wrapped_key === null) throw new SubjectErasedError(subject.subjectId);
    throw new KeyKeptElsewhereError(subject.subjectId, keeper, this.owner);
  }

  /** False when the subject has a key already, or its account was erased. */
  private async insertKey(
    subject: PersonalSubject,
    owner: string,
    dataKey: Buffer,
    latest: () => Promise<{ epoch: number; publicKey: Buffer }>,
    refresh: () => Promise<{ epoch: number; publicKey: Buffer }>,
  ): Promise<boolean> {
    for (let epoch = await latest(); ; epoch = await refresh()) {
      try {
        const wrapped = wrapDataKey(epoch.publicKey, dataKey, { owner, subjectId: subject.subjectId, epoch: epoch.epoch });
        const [created] = await this.db.transaction(async (tx) => {
          await lockAccount(tx, subject.accountId);
          return tx.query<{ subject_id: string }>(
            `insert into keyring_data_keys (subject_id, owner, account_id, epoch, wrapped_key)
             select $1, $2, $3, $4, $5 where not exists (select 1 from keyring_erased_accounts where account_id = $3)
             on conflict (subject_id) do nothing returning subject_id`,
            [subject.subjectId, owner, subject.accountId, epoch.epoch, wrapped],
          );
        });
        return created !== undefined;
      } catch (error) {
        // The epoch closed since this process last looked: wrap to the new one.
        if (sqlErrorCode(error) !== FOREIGN_KEY_VIOLATION) throw error;
      }
    }
  }

  private async keyForReading(subjectId: string): Promise<KnownKey | null> {
    return (await this.keysForReading([subjectId])).get(subjectId) ?? null;
  }

  /** The live keys of these subjects, from the cache or from one query; destroyed ones are left out. */
  private async keysForReading(subjectIds: readonly string[]): Promise<Map<string, KnownKey>> {
    const keys = new Map<string, KnownKey>();
    const missing = new Set<string>();
    for (const subjectId of subjectIds) {
      const cached = keys.has(subjectId) ? undefined : this.cached(subjectId);
      if (cached) keys.set(subjectId, cached);
      else if (!keys.has(subjectId) && !this.shredded.has(subjectId)) missing.add(subjectId);
    }
    if (missing.size === 0) return keys;
    for (const row of await this.rowsOf([...missing])) {
      if (row.owner !== this.owner) throw new KeyKeptElsewhereError(row.subject_id, row.owner, this.owner);
      if (row.wrapped_key === null) this.shredded.add(row.subject_id);
      else {
        const key = await this.unwrap(row);
        if (key) keys.set(row.subject_id, this.remember(row.subject_id, row.account_id, key));
        else this.shredded.add(row.subject_id);
      }
    }
    return keys;
  }

  private rowsOf(subjectIds: string[]): Promise<KeyRow[]> {
    return this.db.query<KeyRow>(
      'select subject_id, owner, account_id, epoch, wrapped_key from keyring_data_keys where subject_id = any($1::text[])',
      [subjectIds],
    );
  }

  /** A row read just before its epoch closed names a KEK already destroyed: read it again, re-wrapped. */
  private async unwrap(row: KeyRow, retried = false): Promise<Buffer | null> {
    const binding = { owner: this.owner, subjectId: row.subject_id, epoch: toNumber(row.epoch) };
    try {
      return await this.epochs.store.unwrap(toBytes(row.wrapped_key), binding);
    } catch (error) {
      const [again] = retried ? [] : await this.rowsOf([row.subject_id]);
      if (again?.wrapped_key === null) return null;
      if (!again || toNumber(again.epoch) === binding.epoch) throw error;
      return this.unwrap(again, true);
    }
  }

  private cached(subjectId: string): KnownKey | undefined {
    const entry = this.live.get(subjectId);
    if (!entry) return undefined;
    if (entry.expiresAt > performance.now()) return entry;
    this.live.delete(subjectId);
    return undefined;
  }

  private remember(subjectId: string, accountId: string, key: Buffer): KnownKey {
    this.live.set(subjectId, { key, accountId, expiresAt: performance.now() + CACHE_TTL_MS });
    return { key, accountId };
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
}

/**
 * Serialises a new key of the account with the account's erasure (until the transaction ends): a key made while the
 * erasure's fence is not yet committed would not see it, and the erasure would not see the key.
 */
async function lockAccount(tx: SqlExecutor, accountId: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('keyring-account:' || $1, 0))`, [accountId]);
}
