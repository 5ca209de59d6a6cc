import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, type PersonalSubject, type SealedPart } from '@privacy-ledger/ledger';
import { PGliteDatabase, toBytes, toNumber, type SqlDatabase } from '@privacy-ledger/sql';
import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { BLIND_INDEX_SECRET, blindToken, epochBlindKey } from './blind-index';
import { FileKekStore } from './file-kek-store';
import { opening } from './keyring.contract';
import { KekUnavailableError, type KekStore } from './kek-store.port';
import { SqlKeyring } from './sql-keyring';

/**
 * The attacker of P6: holds copies taken before an erasure (the embedded data directory, a pg_dump,
 * the heap files and the WAL) and, after the erasure's epoch closed, everything the system still holds:
 * the database, the KEK store, the code. None of it may unwrap the destroyed key again.
 */
const OWNER = 'contacts';
const BLIND_KEY = randomBytes(32);
const subject = (): PersonalSubject => ({ subjectId: `contact-${randomUUID()}`, accountId: randomUUID() });
const temporary = (name: string) => mkdtempSync(join(tmpdir(), `${name}-`));
const sealFor = async (keyring: SqlKeyring, owner: PersonalSubject, value: unknown): Promise<SealedPart> => {
  const place = { streamId: `contact-${owner.subjectId}`, eventId: randomUUID() };
  return { sealed: await keyring.encrypt(owner, value, place), place };
};

async function wrappedKeyOf(db: SqlDatabase, subjectId: string): Promise<{ wrapped: Buffer; epoch: number }> {
  const [row] = await db.query<{ wrapped_key: unknown; epoch: unknown }>(
    'select wrapped_key, epoch from keyring_data_keys where subject_id = $1',
    [subjectId],
  );
  return { wrapped: Buffer.from(toBytes(row.wrapped_key)), epoch: toNumber(row.epoch) };
}

/** Tries the wrapped key with every KEK the store still holds, under its own epoch and under each of theirs. */
async function unwrapsWithAnything(store: KekStore, subjectId: string, wrapped: Buffer, epoch: number): Promise<boolean> {
  for (const tried of new Set([epoch, ...(await store.epochs())])) {
    const opened = await store.unwrap(wrapped, { owner: OWNER, subjectId, epoch: tried }).then(
      () => true,
      () => false,
    );
    if (opened) return true;
  }
  return false;
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function filesHolding(files: string[], bytes: Buffer): string[] {
  return files.filter((file) => readFileSync(file).includes(bytes));
}

describe('an erased key against copies taken before its erasure (PGlite data directory)', () => {
  it('cannot be unwrapped from a backup of the data directory after its epoch closed, with the live database and KEKs', async () => {
    const [dataDir, kekDir, backupDir] = [join(temporary('data'), 'pglite'), join(temporary('kek'), OWNER), temporary('backup')];
    const [kept, erased] = [subject(), subject()];
    const store = FileKekStore.open(kekDir);

    let db = await PGliteDatabase.open(dataDir);
    let keyring = await SqlKeyring.create(db, OWNER, store, BLIND_KEY);
    const keptSealed = await sealFor(keyring, kept, { name: 'kept' });
    const erasedSealed = await sealFor(keyring, erased, { name: 'Zelda Quaxbottom' });
    await keyring.close();
    await db.close();
    cpSync(dataDir, backupDir, { recursive: true });

    const backup = await PGliteDatabase.open(backupDir);
    const before = await wrappedKeyOf(backup, erased.subjectId);
    await backup.close();
    expect(await unwrapsWithAnything(store, erased.subjectId, before.wrapped, before.epoch)).toBe(true);

    db = await PGliteDatabase.open(dataDir);
    keyring = await SqlKeyring.create(db, OWNER, store, BLIND_KEY);
    await keyring.destroy(erased.subjectId, erased.accountId);
    expect(await keyring.closeEpoch()).toMatchObject({ closed: [before.epoch], erasuresCompleted: 1 });
    await expect(keyring.decrypt(keptSealed)).resolves.toEqual({ status: 'ok', value: { name: 'kept' } });
    await expect(keyring.decrypt(erasedSealed)).resolves.toMatchObject({ status: 'shredded' });
    await keyring.close();
    await db.close();

    expect(await unwrapsWithAnything(store, erased.subjectId, before.wrapped, before.epoch)).toBe(false);
    expect(filesHolding(filesUnder(backupDir), before.wrapped).length).toBeGreaterThan(0);
    expect(filesUnder(kekDir).map((file) => file.slice(kekDir.length + 1))).toEqual([`epoch-${before.epoch + 1}.key`]);
  });
});

describe('an erased account’s blind-index tokens against copies taken before its erasure (PGlite data directory)', () => {
  it('leave the live files, and no key the system still holds makes them again, once the epoch of its erasure closed', async () => {
    const [dataDir, kekDir, backupDir] = [join(temporary('data'), 'pglite'), join(temporary('kek'), OWNER), temporary('backup')];
    const [erased, kept] = [subject(), subject()];
    const valueOf = (who: PersonalSubject) => `${who.subjectId}@example.com`;
    const store = FileKekStore.open(kekDir);
    const db = await PGliteDatabase.open(dataDir);
    const keyring = await SqlKeyring.create(db, OWNER, store, BLIND_KEY);
    const claims = keyring.claims(await PostgresEventStore.create(db));
    for (const who of [erased, kept]) {
      const login = { unique: { username: valueOf(who) }, shared: { email: valueOf(who) } };
      expect(await claims.claimAndAppend(login, who, opening(`account-${who.accountId}`))).toBe(true);
    }
    const copied = (
      await db.query<{ token: string }>(
        `select token from keyring_blind_index where subject_id = $1
         union all select token from keyring_blind_lookup where subject_id = $1`,
        [erased.subjectId],
      )
    ).map((row) => row.token);
    expect(copied).toHaveLength(2);
    await db.query('checkpoint');
    cpSync(dataDir, backupDir, { recursive: true });
    const holding = (directory: string, token: string) =>
      filesHolding(
        filesUnder(directory).filter((file) => !file.includes('pg_wal')),
        Buffer.from(token),
      );
    expect(copied.map((token) => holding(backupDir, token).length > 0)).toEqual([true, true]);

    await keyring.destroyAccount(erased.accountId);
    const { closed } = await keyring.closeEpoch();
    await db.query('checkpoint');
    expect(copied.map((token) => holding(dataDir, token))).toEqual([[], []]);
    expect(await claims.holder('username', valueOf(kept))).toEqual(kept);
    // The attacker: the copy, the right guess, and every key still held (the configured key, the KEK store).
    const liveKeys: Buffer[] = [BLIND_KEY];
    for (const epoch of await store.epochs()) liveKeys.push(epochBlindKey(await store.secret(epoch, BLIND_INDEX_SECRET)));
    await expect(store.secret(closed[0], BLIND_INDEX_SECRET)).rejects.toBeInstanceOf(KekUnavailableError);
    const remade = liveKeys.flatMap((key) => ['username', 'email'].map((scope) => blindToken(key, scope, valueOf(erased))));
    expect(remade.filter((token) => copied.includes(token))).toEqual([]);
    await keyring.close();
    await db.close();
  });
});

const server = testDatabaseAdapters().find((adapter) => adapter.name === 'postgres');
(server ? describe : describe.skip)('an erased key against copies taken before its erasure (PostgreSQL server)', () => {
  it('cannot be unwrapped from a pg_dump, the heap file or the WAL once its epoch closed', async () => {
    const startedAt = Date.now();
    const { db, url, close } = await server!.open();
    const store = FileKekStore.open(join(temporary('kek'), OWNER));
    const keyring = await SqlKeyring.create(db, OWNER, store, BLIND_KEY);
    try {
      const erased = subject();
      await sealFor(keyring, erased, { name: 'Zelda Quaxbottom' });
      const before = await wrappedKeyOf(db, erased.subjectId);
      const dump = spawnSync('pg_dump', ['--data-only', '--table=keyring_data_keys', url!], { encoding: 'utf8' });
      expect(dump.status).toBe(0);
      expect(dump.stdout).toContain(before.wrapped.toString('hex'));
      await db.query('checkpoint');
      const [{ data_directory, heap }] = await db.query<{ data_directory: string; heap: string }>(
        `select current_setting('data_directory') as data_directory, pg_relation_filepath('keyring_data_keys') as heap`,
      );
      const heapFile = join(data_directory, heap);
      expect(readFileSync(heapFile).includes(before.wrapped)).toBe(true);
      expect(await unwrapsWithAnything(store, erased.subjectId, before.wrapped, before.epoch)).toBe(true);

      await keyring.destroy(erased.subjectId, erased.accountId);
      await keyring.closeEpoch();
      await db.query('checkpoint');

      const fromDump = Buffer.from(/\\x([0-9a-f]+)/.exec(dump.stdout.slice(dump.stdout.indexOf(erased.subjectId)))![1], 'hex');
      expect(fromDump).toEqual(before.wrapped);
      const recentWal = filesUnder(join(data_directory, 'pg_wal')).filter((file) => statSync(file).mtimeMs >= startedAt - 1000);
      expect(filesHolding(recentWal, before.wrapped)).not.toEqual([]);
      expect(await unwrapsWithAnything(store, erased.subjectId, fromDump, before.epoch)).toBe(false);
    } finally {
      await keyring.close();
      await close();
    }
  });
});
