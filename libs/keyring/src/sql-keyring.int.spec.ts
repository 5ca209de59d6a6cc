import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SqlDatabase } from '@privacy-ledger/sql';
import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { PostgresEventStore } from '@privacy-ledger/ledger';
import { blindToken } from './blind-index';
import { keyringContract, opening } from './keyring.contract';
import { FileKekStore } from './file-kek-store';
import { InMemoryKekStore } from './in-memory-kek-store';
import type { KekStore } from './kek-store.port';
import type { PersonalSubject } from '@privacy-ledger/ledger';
import { SqlKeyring } from './sql-keyring';
import { KeyKeptElsewhereError } from './errors';

const CANARY = 'Zelda Quaxbottom, 17 Canary Lane';

function subjectOf(accountId: string = randomUUID()): PersonalSubject {
  return { subjectId: `person-${randomUUID()}`, accountId };
}

const place = { streamId: 'account-1', eventId: randomUUID() };
const BLIND_KEY = randomBytes(32);

describe.each(testDatabaseAdapters())('SqlKeyring and SqlUniqueClaims on $name: the contract', (adapter) => {
  keyringContract(async () => {
    const { db, close } = await adapter.open();
    const [keyring, other, events] = [
      await SqlKeyring.create(db, 'contacts', new InMemoryKekStore(), BLIND_KEY),
      await SqlKeyring.create(db, 'identity', new InMemoryKekStore(), BLIND_KEY),
      await PostgresEventStore.create(db),
    ];
    const claims = keyring.claims(events);
    const closeAll = async () => (await keyring.close(), await other.close(), await close());
    return { keyring, otherService: 'identity', claims, events, close: closeAll };
  });
});

describe.each(testDatabaseAdapters())('SqlKeyring on $name', (adapter) => {
  let db: SqlDatabase;
  let close: () => Promise<void>;
  let keyring: SqlKeyring;

  beforeAll(async () => {
    ({ db, close } = await adapter.open());
    keyring = await SqlKeyring.create(db, 'contacts', new InMemoryKekStore(), BLIND_KEY);
  });
  afterAll(async () => {
    await keyring.close();
    await close();
  });

  it('keeps no trace of a destroyed key in its table', async () => {
    const subject = subjectOf();
    const sealed = await keyring.encrypt(subject, { name: CANARY }, place);
    await keyring.destroy(subject.subjectId, subject.accountId);
    await expect(keyring.decrypt({ sealed, place })).resolves.toEqual({ status: 'shredded', subjectId: subject.subjectId });
    const [row] = await db.query<{ wrapped_key: unknown }>('select wrapped_key from keyring_data_keys where subject_id = $1', [
      subject.subjectId,
    ]);
    expect(row.wrapped_key).toBeNull();
  });

  it('keeps only keyed tokens in its blind-index tables, and the values sealed, never in the clear', async () => {
    const claims = keyring.claims(await PostgresEventStore.create(db));
    const subject = subjectOf();
    const claimed = { unique: { username: 'alice.canary' }, shared: { email: 'shared.canary@example.test' } };
    expect(await claims.claimAndAppend(claimed, subject, opening(`account-${subject.accountId}`))).toBe(true);
    const rows = [...(await db.query('select * from keyring_blind_index')), ...(await db.query('select * from keyring_blind_lookup'))];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('canary');
  });

  /** An entry as written before tokens were bound to epochs: under the configured key alone, nothing sealed. */
  const insertUnbound = async (table: string, scope: string, value: string, subject: PersonalSubject) => {
    await db.query(`insert into ${table} (scope, token, subject_id, account_id) values ($1, $2, $3, $4)`, [
      scope,
      blindToken(BLIND_KEY, scope, value),
      subject.subjectId,
      subject.accountId,
    ]);
    await keyring.encrypt(subject, { name: CANARY }, place);
  };
  const unboundRows = async (subject: PersonalSubject) =>
    db.query(
      'select subject_id from keyring_blind_index where subject_id = $1 and epoch is null union all ' +
        'select subject_id from keyring_blind_lookup where subject_id = $1 and epoch is null',
      [subject.subjectId],
    );

  it('moves an entry from before tokens were bound to epochs to the open epoch when it is next looked up', async () => {
    const claims = keyring.claims(await PostgresEventStore.create(db));
    const subject = subjectOf();
    await insertUnbound('keyring_blind_index', 'username', 'unbound.canary', subject);
    expect(await claims.holder('username', 'Unbound.Canary')).toEqual(subject);
    const [row] = await db.query<{ token: string; epoch: number | null }>(
      'select token, epoch from keyring_blind_index where subject_id = $1',
      [subject.subjectId],
    );
    expect(row).toEqual({ token: await claims.token('username', 'unbound.canary'), epoch: (await keyring.openEpoch()).epoch });
    await keyring.closeEpoch();
    expect(await claims.holder('username', 'unbound.canary')).toEqual(subject);
  });

  it('binds every entry from before to the open epoch given its value, deletes those whose value is gone, leaves a mismatch', async () => {
    const claims = keyring.claims(await PostgresEventStore.create(db));
    const [kept, erased, mismatched] = [subjectOf(), subjectOf(), subjectOf()];
    await insertUnbound('keyring_blind_index', 'username', 'kept.canary', kept);
    await insertUnbound('keyring_blind_lookup', 'email', 'kept.canary@example.test', kept);
    await insertUnbound('keyring_blind_index', 'username', 'erased.canary', erased);
    await insertUnbound('keyring_blind_index', 'username', 'mismatched.canary', mismatched);
    const records: Record<string, Record<string, string>> = {
      [kept.subjectId]: { username: 'kept.canary', email: 'kept.canary@example.test' },
      [mismatched.subjectId]: { username: 'another.name' },
    };
    const valueOf = async (scope: string, subject: PersonalSubject) => records[subject.subjectId]?.[scope] ?? null;
    const binding = await claims.bindUnbound(valueOf);
    expect(binding).toEqual({ bound: 2, deleted: 1, unmatched: 1 });
    expect([await unboundRows(kept), await unboundRows(erased), (await unboundRows(mismatched)).length]).toEqual([[], [], 1]);
    await keyring.closeEpoch();
    expect(await claims.holder('username', 'kept.canary')).toEqual(kept);
    expect(await claims.sharers('email', 'kept.canary@example.test')).toEqual([kept]);
    expect(await claims.holder('username', 'erased.canary')).toBeNull();
    expect(await claims.bindUnbound(valueOf)).toEqual({ bound: 0, deleted: 0, unmatched: 1 });
    await db.query('delete from keyring_blind_index where subject_id = $1', [mismatched.subjectId]);
  });

  it('never loses nor doubles a claim made while the epoch closes', async () => {
    const claims = keyring.claims(await PostgresEventStore.create(db));
    const names = Array.from({ length: 12 }, (_, index) => `racer.${index}.${randomUUID()}`);
    const claimOnce = (name: string) => {
      const subject = subjectOf();
      return claims.claimAndAppend({ unique: { username: name }, shared: {} }, subject, opening(`account-${subject.accountId}`));
    };
    const [firsts] = await Promise.all([Promise.all(names.map(claimOnce)), keyring.closeEpoch()]);
    expect(firsts.every(Boolean)).toBe(true);
    const [seconds] = await Promise.all([Promise.all(names.map(claimOnce)), keyring.closeEpoch()]);
    expect(seconds.some(Boolean)).toBe(false);
    for (const name of names) expect(await claims.holder('username', name)).not.toBeNull();
  });
});

describe.each(testDatabaseAdapters())('SqlKeyring keys kept apart on $name', (adapter) => {
  it('lets each service open only the keys it keeps, under its own KEK; a hand-over opens for its keeper alone', async () => {
    const { db, close } = await adapter.open();
    const [identity, contacts] = [
      await SqlKeyring.create(db, 'identity', new InMemoryKekStore(), BLIND_KEY),
      await SqlKeyring.create(db, 'contacts', new InMemoryKekStore(), BLIND_KEY),
    ];
    try {
      const customer = subjectOf();
      const contact = { ...subjectOf(customer.accountId), keptBy: 'contacts' };
      const secret = { sealed: await identity.encrypt(customer, { passwordHash: CANARY }, place), place };
      const handedOver = { sealed: await identity.encrypt(contact, { name: CANARY }, place), place };
      await expect(contacts.decrypt(secret)).rejects.toBeInstanceOf(KeyKeptElsewhereError);
      await expect(identity.decrypt(handedOver)).rejects.toBeInstanceOf(KeyKeptElsewhereError);
      await expect(contacts.decrypt(handedOver)).resolves.toEqual({ status: 'ok', value: { name: CANARY } });
      const [row] = await db.query<{ owner: string }>('select owner from keyring_data_keys where subject_id = $1', [contact.subjectId]);
      expect(row.owner).toBe('contacts');
    } finally {
      await identity.close();
      await contacts.close();
      await close();
    }
  });
});

describe.each(testDatabaseAdapters())('SqlKeyring KEK checks at start on $name', (adapter) => {
  it('refuses a KEK store that lacks a live epoch, holds another key for it, or belongs to another database', async () => {
    const { db, close } = await adapter.open();
    const kekDirectory = join(mkdtempSync(join(tmpdir(), 'kek-')), 'contacts');
    try {
      await (await SqlKeyring.create(db, 'contacts', FileKekStore.open(kekDirectory), BLIND_KEY)).close();
      await expect(SqlKeyring.create(db, 'contacts', new InMemoryKekStore(), BLIND_KEY)).rejects.toThrow(/KEK of epoch 1 is missing/);
      const impostor = new InMemoryKekStore();
      await impostor.create(1);
      await expect(SqlKeyring.create(db, 'contacts', impostor, BLIND_KEY)).rejects.toThrow(/is not the one this database was keyed with/);
      await expect(SqlKeyring.create(db, 'identity', FileKekStore.open(kekDirectory), BLIND_KEY)).rejects.toThrow(/holds KEK epochs \(1\)/);
      await (await SqlKeyring.create(db, 'contacts', FileKekStore.open(kekDirectory), BLIND_KEY)).close();
    } finally {
      await close();
    }
  });

  it('counts a close cut off by a crash as due again: the older live epoch keeps its opening time and its erasures', async () => {
    const { db, close } = await adapter.open();
    const store = new InMemoryKekStore();
    const keyring = await SqlKeyring.create(db, 'contacts', store, BLIND_KEY);
    try {
      const erased = subjectOf();
      await keyring.encrypt(erased, { name: CANARY }, place);
      await keyring.destroy(erased.subjectId, erased.accountId);
      const before = await keyring.openEpoch();
      // What a close leaves when killed after opening the next epoch.
      await db.query('insert into keyring_epochs (owner, epoch, public_key) values ($1, $2, $3)', ['contacts', 2, await store.create(2)]);
      expect(await keyring.openEpoch()).toEqual({ epoch: 2, openedAt: before.openedAt, erasures: 1 });
      expect(await keyring.closeEpoch()).toMatchObject({ closed: [1, 2], current: 3, erasuresCompleted: 1 });
      expect(await keyring.openEpoch()).toMatchObject({ epoch: 3, erasures: 0 });
    } finally {
      await keyring.close();
      await close();
    }
  });

  it('lets keyrings starting together on a new database agree on its first KEK epoch', async () => {
    const { db, close } = await adapter.open();
    const store = FileKekStore.open(join(mkdtempSync(join(tmpdir(), 'kek-')), 'contacts'));
    // The KEK file exists a while before its epoch is recorded: the moment another start must not misread.
    const slowToRecord: KekStore = {
      description: store.description,
      epochs: () => store.epochs(),
      create: async (epoch) => {
        const publicKey = await store.create(epoch);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return publicKey;
      },
      publicKey: (epoch) => store.publicKey(epoch),
      unwrap: (wrapped, binding) => store.unwrap(wrapped, binding),
      secret: (epoch, purpose) => store.secret(epoch, purpose),
      destroy: (epoch) => store.destroy(epoch),
    };
    try {
      const keyrings = await Promise.all([
        SqlKeyring.create(db, 'contacts', slowToRecord, BLIND_KEY),
        SqlKeyring.create(db, 'contacts', slowToRecord, BLIND_KEY),
      ]);
      expect(await Promise.all(keyrings.map(async (keyring) => (await keyring.openEpoch()).epoch))).toEqual([1, 1]);
      await Promise.all(keyrings.map((keyring) => keyring.close()));
    } finally {
      await close();
    }
  });
});

describe.each(testDatabaseAdapters())('SqlKeyring epochs across processes on $name', (adapter) => {
  it('loses no key written by a process still wrapping to the epoch being closed', async () => {
    const { db, close } = await adapter.open();
    const kekDirectory = join(mkdtempSync(join(tmpdir(), 'kek-')), 'contacts');
    const [closer, writer] = [
      await SqlKeyring.create(db, 'contacts', FileKekStore.open(kekDirectory), BLIND_KEY),
      await SqlKeyring.create(db, 'contacts', FileKekStore.open(kekDirectory), BLIND_KEY),
    ];
    try {
      const sealed = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          if (i === 5) await closer.closeEpoch();
          return { i, part: { sealed: await writer.encrypt(subjectOf(), { i }, place), place } };
        }),
      );
      await closer.closeEpoch();
      const fresh = await SqlKeyring.create(db, 'contacts', FileKekStore.open(kekDirectory), BLIND_KEY);
      const opened = await fresh.decryptMany<{ i: number }>(sealed.map((s) => s.part));
      expect(opened.map((o) => (o.status === 'ok' ? o.value.i : o.status))).toEqual(sealed.map((s) => s.i));
      expect((await db.query('select epoch from keyring_epochs')).length).toBe(1);
      await fresh.close();
    } finally {
      await closer.close();
      await writer.close();
      await close();
    }
  });
});

const server = testDatabaseAdapters().find((a) => a.name === 'postgres');
(server ? describe : describe.skip)('Keyring across processes (server)', () => {
  it('a destroy in one process is honoured by another within one second', async () => {
    const { db, url, close } = await server!.open();
    const kekDirectory = join(mkdtempSync(join(tmpdir(), 'kek-')), 'contacts');
    const keyring = await SqlKeyring.create(db, 'contacts', FileKekStore.open(kekDirectory), BLIND_KEY);
    const subject = subjectOf();
    const sealed = Buffer.from(await keyring.encrypt(subject, { name: CANARY }, place)).toString('base64');
    const watcher = spawn(
      process.execPath,
      [
        '-e',
        `const { SqlKeyring, FileKekStore } = require('@privacy-ledger/keyring');
         const { PostgresDatabase } = require('@privacy-ledger/sql');
         (async () => {
           const db = new PostgresDatabase(process.env.URL);
           const blindKey = Buffer.from(process.env.BLIND_KEY, 'base64');
           const keyring = await SqlKeyring.create(db, 'contacts', FileKekStore.open(process.env.KEKS), blindKey);
           const part = { sealed: Buffer.from(process.env.SEALED, 'base64'), place: JSON.parse(process.env.PLACE) };
           for (;;) {
             const result = await keyring.decrypt(part);
             process.stdout.write(result.status + '\\n');
             if (result.status === 'shredded') process.exit(0);
             await new Promise((r) => setTimeout(r, 20));
           }
         })();`,
      ],
      {
        env: {
          ...process.env,
          URL: url,
          KEKS: kekDirectory,
          BLIND_KEY: BLIND_KEY.toString('base64'),
          SEALED: sealed,
          PLACE: JSON.stringify(place),
        },
      },
    );
    let output = '';
    watcher.stdout.on('data', (chunk) => (output += chunk));
    const exited = new Promise<void>((resolve) => watcher.on('exit', () => resolve()));
    try {
      while (!output.includes('ok')) await new Promise((r) => setTimeout(r, 20));
      await keyring.destroy(subject.subjectId, subject.accountId);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
      expect(output.trim().split('\n').pop()).toBe('shredded');
    } finally {
      watcher.kill();
      await keyring.close();
      await close();
    }
  });
});
