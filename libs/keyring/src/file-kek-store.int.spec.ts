import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKekStore } from './file-kek-store';
import { kekStoreContract } from './kek-store.contract';

const directory = () => join(mkdtempSync(join(tmpdir(), 'kek-store-')), 'contacts');

describe('FileKekStore: the contract', () => kekStoreContract(async () => FileKekStore.open(directory())));

describe('FileKekStore', () => {
  it('keeps its directory 0700 and each key 0600, and leaves no temporary file', async () => {
    const path = directory();
    const store = FileKekStore.open(path);
    await store.create(1);
    expect(statSync(path).mode & 0o777).toBe(0o700);
    expect(readdirSync(path)).toEqual(['epoch-1.key']);
    expect(statSync(join(path, 'epoch-1.key')).mode & 0o777).toBe(0o600);
  });

  it('shares its keys with another instance on the same directory, and a destroy with it at once', async () => {
    const path = directory();
    const [first, second] = [FileKekStore.open(path), FileKekStore.open(path)];
    const publicKey = await first.create(3);
    expect(await second.publicKey(3)).toEqual(publicKey);
    await second.destroy(3);
    expect(await first.publicKey(3)).toBeNull();
  });
});
