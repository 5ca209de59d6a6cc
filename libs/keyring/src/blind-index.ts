import { createHmac, hkdfSync } from 'node:crypto';
import type { PersonalDataCipher, PersonalSubject, SealedPart } from '@privacy-ledger/ledger';
import { toBytes, toNumber, type SqlDatabase, type SqlExecutor } from '@privacy-ledger/sql';
import { KekUnavailableError } from './kek-store.port';
import { lockEpochs, type SqlKeyringEpochs } from './sql-keyring-epochs';

export const BLIND_INDEX_SECRET = 'blind-index';
const MOVE_BATCH = 500;
const TABLES = ['keyring_blind_index', 'keyring_blind_lookup'] as const;

/** The keyed token of a value in a scope; case and surrounding spaces do not count. */
export function blindToken(key: Buffer, scope: string, value: string): string {
  return createHmac('sha256', key)
    .update(`${scope}\u0000${normalised(value)}`)
    .digest('hex');
}

/** The key of an epoch's tokens, from its KEK's secret for the blind index: whoever can make it can open every data key anyway. */
export function epochBlindKey(epochSecret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', epochSecret, Buffer.alloc(0), 'privacy-ledger blind index', 32));
}

function normalised(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

/** The value a subject holds in a scope, from its owner's records; null when it is gone. */
export type ValueOf = (scope: string, subject: PersonalSubject) => Promise<string | null>;

export interface UnboundBinding {
  readonly bound: number;
  readonly deleted: number;
  readonly unmatched: number;
}

interface EpochKey {
  readonly epoch: number;
  readonly key: Buffer;
}

/** A value's token under every key it may be stored under now, and the one a new entry takes. */
interface Tokens {
  readonly current: { readonly epoch: number; readonly token: string };
  readonly all: string[];
}

interface Row {
  subject_id: string;
  account_id: string;
  epoch: unknown;
  sealed: unknown;
}

/**
 * A keyed blind index (HMAC-SHA256) for look-ups by user name or e-mail. Only tokens are stored, under a key of the
 * owner's open KEK epoch: closing the epoch moves every live entry to the next epoch's key (each entry keeps its value
 * sealed under its subject's data key for that) and the old key goes with the old KEK. A token in a copy taken before
 * an erasure (a backup, the WAL, a dead row) can then no longer be tested against a guessed name, even by whoever holds
 * every live key; the subject's entries are deleted when its key is destroyed. A value is either claimed (unique: one
 * subject per user name) or indexed (shared: several subjects may have one e-mail address).
 *
 * `unboundKey` (KEYRING_BLIND_INDEX_KEY) is the key of entries written before tokens were bound to epochs: they are found
 * under it until they move to the open epoch (when next looked up, or bound from the owner's records).
 */
export class BlindIndex {
  private readonly keys = new Map<number, Buffer>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly epochs: SqlKeyringEpochs,
    private readonly cipher: PersonalDataCipher,
    private readonly unboundKey: Buffer,
  ) {}

  /** The value's token under the open epoch's key: a key for per-value state (a login throttle) that dies with the epoch. */
  async token(scope: string, value: string): Promise<string> {
    return (await this.tokensOf(scope, value, this.db)).current.token;
  }

  /** Seals the value for moving the subject's entry to later epochs: before the transaction that claims it. */
  seal(scope: string, value: string, subject: PersonalSubject): Promise<Uint8Array> {
    return this.cipher.encrypt(subject, normalised(value), placeOf(scope, subject.subjectId));
  }

  /**
   * True when the value is now, or already was, claimed by this subject (its previous value in the scope let go);
   * false when another holds it. In the transaction of the write the claim belongs to, after `lockShared`.
   */
  async claim(scope: string, value: string, subject: PersonalSubject, sealed: Uint8Array, tx: SqlExecutor): Promise<boolean> {
    const tokens = await this.tokensOf(scope, value, tx);
    const holders = await tx.query<{ subject_id: string }>(
      'select subject_id from keyring_blind_index where scope = $1 and token = any($2)',
      [scope, tokens.all],
    );
    if (holders.some((holder) => holder.subject_id !== subject.subjectId)) return false;
    await tx.query('delete from keyring_blind_index where scope = $1 and subject_id = $2', [scope, subject.subjectId]);
    const [row] = await tx.query<{ subject_id: string }>(
      `insert into keyring_blind_index (scope, token, subject_id, account_id, owner, epoch, sealed)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (scope, token) do nothing returning subject_id`,
      [scope, tokens.current.token, subject.subjectId, subject.accountId, this.owner, tokens.current.epoch, sealed],
    );
    return row !== undefined;
  }

  /** Records the subject's current value in a scope where values may be shared, replacing its previous one. */
  async index(scope: string, value: string, subject: PersonalSubject, sealed: Uint8Array, tx: SqlExecutor): Promise<void> {
    const { current } = await this.tokensOf(scope, value, tx);
    await tx.query(
      `insert into keyring_blind_lookup (scope, token, subject_id, account_id, owner, epoch, sealed) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (scope, subject_id) do update set token = excluded.token, owner = excluded.owner, epoch = excluded.epoch,
         sealed = excluded.sealed`,
      [scope, current.token, subject.subjectId, subject.accountId, this.owner, current.epoch, sealed],
    );
  }

  async find(scope: string, value: string): Promise<PersonalSubject | null> {
    const [found] = await this.lookUp('keyring_blind_index', scope, value);
    return found ?? null;
  }

  async findAll(scope: string, value: string): Promise<PersonalSubject[]> {
    return this.lookUp('keyring_blind_lookup', scope, value);
  }

  /**
   * Claims and indexes wait while the epochs change (an entry moving, a new epoch opening), so that each of them sees
   * the same epochs from its check to its write: two claims of one value never land under two epochs' tokens.
   */
  lockShared(tx: SqlExecutor): Promise<void> {
    return lockEpochs(tx, this.owner, 'shared');
  }

  /**
   * Moves every entry of this owner to the epoch's key, before the older epochs' KEKs are destroyed; an entry whose
   * subject's key is gone meanwhile goes too. Entries are opened outside the transaction that moves them (one
   * connection on PGlite), and moved only if unchanged since.
   */
  async moveTo(epoch: number): Promise<void> {
    const key = await this.keyOf(epoch);
    for (const table of TABLES)
      for (;;) {
        const rows = await this.db.query<Row & { scope: string }>(
          `select scope, subject_id, account_id, epoch, sealed from ${table} where owner = $1 and epoch < $2 limit ${MOVE_BATCH}`,
          [this.owner, epoch],
        );
        if (rows.length === 0) break;
        const values = await this.cipher.decryptMany<string>(rows.map((row) => sealedPartOf(row.scope, row)));
        await this.db.transaction(async (tx) => {
          await lockEpochs(tx, this.owner, 'exclusive');
          for (const [index, row] of rows.entries()) {
            const opened = values[index];
            const where = 'scope = $1 and subject_id = $2 and epoch = $3';
            const params = [row.scope, row.subject_id, toNumber(row.epoch)];
            if (opened.status === 'ok')
              await tx.query(`update ${table} set epoch = $4, token = $5 where ${where}`, [
                ...params,
                epoch,
                blindToken(key, row.scope, opened.value),
              ]);
            else await tx.query(`delete from ${table} where ${where}`, params);
          }
        });
      }
  }

  /**
   * Moves every entry from before tokens were bound to epochs under the open epoch's key, given its value (what the
   * owner's own records say): one whose subject's value is gone (erased) is deleted, one whose value does not make its
   * token is left as it is, and counted.
   */
  async bindUnbound(valueOf: ValueOf, limit?: number): Promise<UnboundBinding> {
    const result = { bound: 0, deleted: 0, unmatched: 0 };
    for (const table of TABLES) {
      const rows = await this.db.query<{ scope: string; token: string; subject_id: string; account_id: string }>(
        `select scope, token, subject_id, account_id from ${table} where epoch is null order by scope, subject_id
         ${limit === undefined ? '' : `limit ${Math.floor(limit)}`}`,
      );
      for (const row of rows) {
        const subject = { subjectId: row.subject_id, accountId: row.account_id };
        const value = await valueOf(row.scope, subject);
        if (value === null) {
          await this.db.query(`delete from ${table} where scope = $1 and subject_id = $2 and epoch is null`, [row.scope, row.subject_id]);
          result.deleted++;
        } else if (blindToken(this.unboundKey, row.scope, value) !== row.token) result.unmatched++;
        else {
          await this.moveUnbound(table, row.scope, value, subject);
          result.bound++;
        }
      }
    }
    return result;
  }

  private get owner(): string {
    return this.epochs.owner;
  }

  private async lookUp(table: (typeof TABLES)[number], scope: string, value: string): Promise<PersonalSubject[]> {
    const { all } = await this.tokensOf(scope, value, this.db);
    const rows = await this.db.query<Omit<Row, 'sealed'>>(
      `select subject_id, account_id, epoch from ${table} where scope = $1 and token = any($2) order by subject_id`,
      [scope, all],
    );
    const subjects = rows.map((row) => ({ subjectId: row.subject_id, accountId: row.account_id }));
    for (const row of rows)
      if (row.epoch === null) await this.moveUnbound(table, scope, value, { subjectId: row.subject_id, accountId: row.account_id });
    return subjects;
  }

  /** An entry from before tokens were bound to epochs, looked up by its value: moved under the open epoch's key. */
  private async moveUnbound(table: (typeof TABLES)[number], scope: string, value: string, subject: PersonalSubject): Promise<void> {
    const sealed = await this.seal(scope, value, subject);
    await this.db.transaction(async (tx) => {
      await this.lockShared(tx);
      const { current } = await this.tokensOf(scope, value, tx);
      await tx.query(
        `update ${table} set token = $3, owner = $4, epoch = $5, sealed = $6 where scope = $1 and subject_id = $2 and epoch is null`,
        [scope, subject.subjectId, current.token, this.owner, current.epoch, sealed],
      );
    });
  }

  private async tokensOf(scope: string, value: string, executor: SqlExecutor): Promise<Tokens> {
    const keys = await this.liveKeys(executor);
    const current = keys[keys.length - 1];
    const all = [...keys.map(({ key }) => blindToken(key, scope, value)), blindToken(this.unboundKey, scope, value)];
    return { current: { epoch: current.epoch, token: all[keys.length - 1] }, all };
  }

  /** The keys of the owner's live epochs, oldest first; one whose KEK was destroyed a moment ago is left out. */
  private async liveKeys(executor: SqlExecutor): Promise<EpochKey[]> {
    const live = (await this.epochs.liveEpochs(executor)).map(({ epoch }) => epoch);
    for (const [epoch, key] of this.keys)
      if (!live.includes(epoch)) {
        key.fill(0);
        this.keys.delete(epoch);
      }
    const keys: EpochKey[] = [];
    for (const epoch of live) {
      try {
        keys.push({ epoch, key: await this.keyOf(epoch) });
      } catch (error) {
        if (!(error instanceof KekUnavailableError) || epoch === live[live.length - 1]) throw error;
      }
    }
    return keys;
  }

  private async keyOf(epoch: number): Promise<Buffer> {
    const known = this.keys.get(epoch);
    if (known) return known;
    const secret = await this.epochs.store.secret(epoch, BLIND_INDEX_SECRET);
    const key = epochBlindKey(secret);
    secret.fill(0);
    this.keys.set(epoch, key);
    return key;
  }
}

function placeOf(scope: string, subjectId: string) {
  return { streamId: `keyring-blind-index:${scope}`, eventId: subjectId };
}

function sealedPartOf(scope: string, row: Row): SealedPart {
  return { sealed: toBytes(row.sealed), place: placeOf(scope, row.subject_id), accountId: row.account_id };
}
