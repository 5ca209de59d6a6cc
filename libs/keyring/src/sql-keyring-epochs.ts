import { FOREIGN_KEY_VIOLATION, sqlErrorCode, toBytes, toNumber, type SqlDatabase, type SqlExecutor } from '@privacy-ledger/sql';
import { KeeperNotReadyError } from './errors';
import type { KekStore } from './kek-store.port';
import { wrapDataKey } from './key-wrap';
import type { EpochClosure, OpenEpoch, RetiredEpoch } from './keyring.port';

const REWRAP_BATCH = 500;
const MAX_CLOSE_ROUNDS = 20;

export class KekMismatchError extends Error {
  override readonly name = 'KekMismatchError';
}

/**
 * An owner's KEK epochs: the database keeps each live epoch's public key, the KEK store its private key.
 * Erasures fall into the epoch open when they happen; closing it re-wraps every live key to a new epoch,
 * destroys the old KEK, and vacuums the key table, so no copy of a destroyed key can be unwrapped again, and the
 * blind-index tables, so no erased account's token stays in the live files.
 */
export class SqlKeyringEpochs {
  private current: { epoch: number; publicKey: Buffer } | null = null;

  constructor(
    private readonly db: SqlDatabase,
    readonly owner: string,
    readonly store: KekStore,
  ) {}

  /** Opens the first epoch if there is none, and refuses to go on with a KEK that is missing or not the one recorded. */
  async verify(): Promise<void> {
    if ((await this.liveEpochs()).length === 0) await this.openFirst();
    for (const { epoch, publicKey } of await this.liveEpochs()) {
      const held = await this.store.publicKey(epoch);
      if (!held) throw new KekMismatchError(`${this.owner}: the KEK of epoch ${epoch} is missing from ${this.store.description}`);
      if (!held.equals(publicKey))
        throw new KekMismatchError(
          `${this.owner}: the KEK of epoch ${epoch} in ${this.store.description} is not the one this database was keyed with`,
        );
    }
    await this.destroyClosedKeks();
    await this.refresh();
  }

  /** The epoch new keys are wrapped to, and its public key. */
  async latest(): Promise<{ epoch: number; publicKey: Buffer }> {
    return this.current ?? (await this.refresh());
  }

  async refresh(): Promise<{ epoch: number; publicKey: Buffer }> {
    const live = await this.liveEpochs();
    if (live.length === 0) throw new KekMismatchError(`${this.owner}: no open KEK epoch`);
    return (this.current = live[live.length - 1]);
  }

  /** Another owner's epoch new keys are wrapped to: its public key is all a hand-over needs. */
  async latestOf(owner: string): Promise<{ epoch: number; publicKey: Buffer }> {
    const [row] = await this.db.query<{ epoch: unknown; public_key: unknown }>(
      'select epoch, public_key from keyring_epochs where owner = $1 order by epoch desc limit 1',
      [owner],
    );
    if (!row) throw new KeeperNotReadyError(owner);
    return { epoch: toNumber(row.epoch), publicKey: Buffer.from(toBytes(row.public_key)) };
  }

  /**
   * The newest epoch, open since the oldest live one opened, with the erasures of every live epoch: more than one is
   * live only while a close is under way or was cut off (a crash), and such a close is due again until it is done.
   */
  async openEpoch(): Promise<OpenEpoch> {
    const [row] = await this.db.query<{ epoch: unknown; opened_at: unknown; erasures: unknown }>(
      `select max(e.epoch) as epoch, min(e.opened_at) as opened_at,
              (select count(*) from keyring_data_keys k
               where k.owner = $1 and k.erased_in_epoch in (select epoch from keyring_epochs where owner = $1)) as erasures
       from keyring_epochs e where e.owner = $1`,
      [this.owner],
    );
    return { epoch: toNumber(row.epoch), openedAt: new Date(row.opened_at as string), erasures: toNumber(row.erasures) };
  }

  async retired(): Promise<RetiredEpoch[]> {
    const rows = await this.db.query<{ epoch: unknown; closed_at: unknown }>(
      'select epoch, closed_at from keyring_closed_epochs where owner = $1 order by epoch',
      [this.owner],
    );
    return rows.map((row) => ({ epoch: toNumber(row.epoch), retiredAt: new Date(row.closed_at as string) }));
  }

  /**
   * Closes every epoch before a new one: safe to run in several processes at once, and to run again after a crash.
   * `moveBlindIndex` moves the blind index to the new epoch's key while the old KEKs are still there to open it.
   */
  async close(moveBlindIndex: (epoch: number) => Promise<void>): Promise<EpochClosure> {
    const target = await this.open((await this.openEpoch()).epoch + 1);
    const closed = await this.retireAllBefore(target, moveBlindIndex);
    await this.destroyClosedKeks();
    await this.db.query('vacuum keyring_data_keys');
    // The rows erasures deleted and the entries' tokens under the old key leave the live files (a full vacuum writes
    // the tables anew); copies elsewhere hold only tokens whose key is destroyed now.
    await this.db.query('vacuum full keyring_blind_index, keyring_blind_lookup');
    this.current = target;
    return {
      closed: closed.map((c) => c.epoch),
      current: target.epoch,
      erasuresCompleted: closed.reduce((sum, c) => sum + c.erasures, 0),
    };
  }

  private async retireAllBefore(
    target: { epoch: number; publicKey: Buffer },
    moveBlindIndex: (epoch: number) => Promise<void>,
  ): Promise<{ epoch: number; erasures: number }[]> {
    for (let round = 1; ; round++) {
      await this.rewrapAllTo(target);
      await moveBlindIndex(target.epoch);
      try {
        return await this.retireBefore(target.epoch);
      } catch (error) {
        // A process still wrapping to an old epoch added a key meanwhile: re-wrap it too, then try again.
        if (sqlErrorCode(error) !== FOREIGN_KEY_VIOLATION || round >= MAX_CLOSE_ROUNDS) throw error;
      }
    }
  }

  private async open(epoch: number): Promise<{ epoch: number; publicKey: Buffer }> {
    const publicKey = await this.store.create(epoch);
    await this.db.transaction(async (tx) => {
      await lockEpochs(tx, this.owner, 'exclusive');
      await tx.query('insert into keyring_epochs (owner, epoch, public_key) values ($1, $2, $3) on conflict do nothing', [
        this.owner,
        epoch,
        publicKey,
      ]);
    });
    return { epoch, publicKey };
  }

  private async rewrapAllTo(target: { epoch: number; publicKey: Buffer }): Promise<void> {
    for (;;) {
      const batch = await this.db.query<{ subject_id: string; epoch: unknown; wrapped_key: unknown }>(
        `select subject_id, epoch, wrapped_key from keyring_data_keys
         where owner = $1 and wrapped_key is not null and epoch < $2 limit ${REWRAP_BATCH}`,
        [this.owner, target.epoch],
      );
      if (batch.length === 0) return;
      for (const row of batch) {
        const epoch = toNumber(row.epoch);
        const dataKey = await this.store.unwrap(toBytes(row.wrapped_key), { owner: this.owner, subjectId: row.subject_id, epoch });
        await this.db.query(
          'update keyring_data_keys set epoch = $3, wrapped_key = $4 where owner = $1 and subject_id = $2 and epoch = $5',
          [
            this.owner,
            row.subject_id,
            target.epoch,
            wrapDataKey(target.publicKey, dataKey, { owner: this.owner, subjectId: row.subject_id, epoch: target.epoch }),
            epoch,
          ],
        );
        dataKey.fill(0);
      }
    }
  }

  /** Records the older epochs as closed and removes them; the foreign key refuses while any key is still wrapped to one. */
  private retireBefore(epoch: number): Promise<{ epoch: number; erasures: number }[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ epoch: unknown; erasures: unknown }>(
        `with retired as (delete from keyring_epochs where owner = $1 and epoch < $2 returning epoch, opened_at)
         insert into keyring_closed_epochs (owner, epoch, opened_at, erasures)
         select $1, r.epoch, r.opened_at,
                (select count(*) from keyring_data_keys k where k.owner = $1 and k.erased_in_epoch = r.epoch)
         from retired r
         on conflict do nothing
         returning epoch, erasures`,
        [this.owner, epoch],
      );
      return rows.map((row) => ({ epoch: toNumber(row.epoch), erasures: toNumber(row.erasures) }));
    });
  }

  /**
   * A new database starts at epoch 1 with an empty store: KEKs of another database are never taken over, nor
   * destroyed. Processes starting together on a new database take turns (a lock), so the second finds the
   * first's epoch recorded rather than its KEK file alone.
   */
  private async openFirst(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`privacy-ledger:keyring:first-epoch:${this.owner}`]);
      const recorded = await tx.query('select 1 from keyring_epochs where owner = $1 limit 1', [this.owner]);
      if (recorded.length > 0) return;
      const held = await this.store.epochs();
      if (held.length > 0)
        throw new KekMismatchError(
          `${this.owner}: ${this.store.description} holds KEK epochs (${held.join(', ')}) but this database has none: ` +
            'a KEK store belongs to one database; point to the right one, or remove the store to start afresh',
        );
      const publicKey = await this.store.create(1);
      await tx.query('insert into keyring_epochs (owner, epoch, public_key) values ($1, 1, $2)', [this.owner, publicKey]);
    });
  }

  /** The KEK of an epoch this database recorded as closed is destroyed (again, after a crash between the two). */
  private async destroyClosedKeks(): Promise<void> {
    const rows = await this.db.query<{ epoch: unknown }>('select epoch from keyring_closed_epochs where owner = $1', [this.owner]);
    const closed = new Set(rows.map((row) => toNumber(row.epoch)));
    for (const epoch of await this.store.epochs()) if (closed.has(epoch)) await this.store.destroy(epoch);
  }

  async liveEpochs(executor: SqlExecutor = this.db): Promise<{ epoch: number; publicKey: Buffer }[]> {
    const rows = await executor.query<{ epoch: unknown; public_key: unknown }>(
      'select epoch, public_key from keyring_epochs where owner = $1 order by epoch',
      [this.owner],
    );
    return rows.map((row) => ({ epoch: toNumber(row.epoch), publicKey: Buffer.from(toBytes(row.public_key)) }));
  }
}

/**
 * Changing an owner's epochs (opening one, moving the blind index) takes this lock alone; a claim in the blind index
 * takes it shared, and so sees the same live epochs from its check to its write.
 */
export async function lockEpochs(tx: SqlExecutor, owner: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await tx.query(`select ${lock}(hashtextextended('keyring-epochs:' || $1, 0))`, [owner]);
}
