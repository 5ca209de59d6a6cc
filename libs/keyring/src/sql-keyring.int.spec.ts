import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBytes, toNumber, type SqlDatabase } from '@privacy-ledger/sql';
import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { PostgresEventStore } from '@privacy-ledger/ledger';
import { BlindIndex } from './blind-index';
import { keyringContract } from './keyring.contract';
import { SqlUniqueClaims } from './sql-unique-claims';
import { unwrapKey } from './envelope';
import { developmentKeyFile, keysFromConfiguration } from './key-encryption-keys';
import type { PersonalSubject } from '@privacy-ledger/ledger';
import { SqlKeyring } from './sql-keyring';

const CANARY = 'Zelda Quaxbottom, 17 Canary Lane';

function subjectOf(accountId = randomUUID()): PersonalSubject {
  return { subjectId: `person-${randomUUID()}`, accountId };
}

describe.each(testDatabaseAdapters())('SqlKeyring and SqlUniqueClaims on $name: the contract', (adapter) => {
  keyringContract(async () => {
    const { db, close } = await adapter.open();
    const [keyring, events] = [
      await SqlKeyring.create(db, keysFromConfiguration(JSON.stringify({ 1: randomBytes(32).toString('base64') }))),
      await PostgresEventStore.create(db),
    ];
    const claims = new SqlUniqueClaims(db, new BlindIndex(db, randomBytes(32)), events);
    return { keyring, claims, events, close: async () => (await keyring.close(), await close()) };
  });
});

describe.each(testDatabaseAdapters())('SqlKeyring on $name', (adapter) => {
  let db: SqlDatabase;
  let close: () => Promise<void>;
  let keyring: SqlKeyring;
  const kekConfig = JSON.stringify({ 1: randomBytes(32).toString('base64') });

  beforeAll(async () => {
    ({ db, close } = await adapter.open());
    keyring = await SqlKeyring.create(db, keysFromConfiguration(kekConfig));
  });
  afterAll(async () => {
    await keyring.close();
    await close();
  });

  it('keeps no trace of a destroyed key in its table', async () => {
    const subject = subjectOf();
    const sealed = await keyring.encrypt(subject, { name: CANARY });
    await keyring.destroy(subject.subjectId, subject.accountId);
    await expect(keyring.decrypt(sealed)).resolves.toEqual({ status: 'shredded', subjectId: subject.subjectId });
    const [row] = await db.query<{ wrapped_key: unknown }>('select wrapped_key from keyring_keys where subject_id = $1', [
      subject.subjectId,
    ]);
    expect(row.wrapped_key).toBeNull();
  });

  it('keeps only keyed tokens in its blind-index tables, never the values', async () => {
    const index = new BlindIndex(db, randomBytes(32));
    const subject = subjectOf();
    expect(await index.claim('username', 'alice.canary', subject)).toBe(true);
    await index.index('email', 'shared.canary@example.test', subject);
    const rows = [...(await db.query('select * from keyring_blind_index')), ...(await db.query('select * from keyring_blind_lookup'))];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('canary');
  });
});

describe('Keyring KEK rotation (PGlite, development key file)', () => {
  it('re-wraps live keys and makes a backup copy of a destroyed key unrecoverable', async () => {
    const { db, close } = await testDatabaseAdapters()[0].open();
    const keyFile = join(mkdtempSync(join(tmpdir(), 'kek-')), 'kek.json');
    const { keys } = developmentKeyFile(keyFile);
    const keyring = await SqlKeyring.create(db, keys);
    const [kept, erased] = [subjectOf(), subjectOf()];
    const keptSealed = await keyring.encrypt(kept, { name: 'kept' });
    await keyring.encrypt(erased, { name: CANARY });
    const [backup] = await db.query<{ epoch: unknown; wrapped_key: unknown }>(
      'select epoch, wrapped_key from keyring_keys where subject_id = $1',
      [erased.subjectId],
    );
    const backupEpoch = toNumber(backup.epoch);
    expect(unwrapKey(toBytes(backup.wrapped_key), keys.keyOf(backupEpoch)!)).toHaveLength(32);

    await keyring.destroy(erased.subjectId, erased.accountId);
    expect(await keyring.rotate()).toBe(2);

    expect(keys.keyOf(backupEpoch)).toBeUndefined();
    expect(developmentKeyFile(keyFile).keys.keyOf(backupEpoch)).toBeUndefined();
    const [live] = await db.query<{ epoch: unknown }>('select epoch from keyring_keys where subject_id = $1', [kept.subjectId]);
    expect(toNumber(live.epoch)).toBe(2);
    const reopened = await SqlKeyring.create(db, developmentKeyFile(keyFile).keys);
    await expect(reopened.decrypt(keptSealed)).resolves.toEqual({ status: 'ok', value: { name: 'kept' } });
    expect(await reopened.retiredEpochs()).toEqual(new Set([1]));
    await keyring.close();
    await reopened.close();
    await close();
  });
});

const server = testDatabaseAdapters().find((a) => a.name === 'postgres');
(server ? describe : describe.skip)('Keyring across processes (server)', () => {
  it('a destroy in one process is honoured by another within one second', async () => {
    const { db, url, close } = await server!.open();
    const kekConfig = JSON.stringify({ 1: randomBytes(32).toString('base64') });
    const keyring = await SqlKeyring.create(db, keysFromConfiguration(kekConfig));
    const subject = subjectOf();
    const sealed = Buffer.from(await keyring.encrypt(subject, { name: CANARY })).toString('base64');
    const watcher = spawn(
      process.execPath,
      [
        '-e',
        `const { SqlKeyring, keysFromConfiguration } = require('@privacy-ledger/keyring');
         const { PostgresDatabase } = require('@privacy-ledger/sql');
         (async () => {
           const keyring = await SqlKeyring.create(new PostgresDatabase(process.env.URL), keysFromConfiguration(process.env.KEKS));
           const sealed = Buffer.from(process.env.SEALED, 'base64');
           for (;;) {
             const result = await keyring.decrypt(sealed);
             process.stdout.write(result.status + '\\n');
             if (result.status === 'shredded') process.exit(0);
             await new Promise((r) => setTimeout(r, 20));
           }
         })();`,
      ],
      { env: { ...process.env, URL: url, KEKS: kekConfig, SEALED: sealed } },
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
