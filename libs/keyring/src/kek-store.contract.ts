import { randomBytes } from 'node:crypto';
import { wrapDataKey } from './key-wrap';
import { KekUnavailableError, type KekStore } from './kek-store.port';

/** Every adapter of the KekStore port passes this suite. */
export function kekStoreContract(open: () => Promise<KekStore>): void {
  const binding = { owner: 'contacts', subjectId: 'contact-1', epoch: 1 };
  let store: KekStore;
  beforeEach(async () => (store = await open()));

  it('unwraps a data key wrapped to the public key of an epoch it holds', async () => {
    const dataKey = randomBytes(32);
    const publicKey = await store.create(1);
    expect(await store.create(1)).toEqual(publicKey);
    expect(await store.publicKey(1)).toEqual(publicKey);
    expect(await store.unwrap(wrapDataKey(publicKey, dataKey, binding), binding)).toEqual(dataKey);
    expect(await store.epochs()).toEqual([1]);
  });

  it('refuses a wrapped key moved to another subject, owner or epoch', async () => {
    const [one, two] = [await store.create(1), await store.create(2)];
    const wrapped = wrapDataKey(one, randomBytes(32), binding);
    await expect(store.unwrap(wrapped, { ...binding, subjectId: 'contact-2' })).rejects.toThrow();
    await expect(store.unwrap(wrapped, { ...binding, owner: 'identity' })).rejects.toThrow();
    await expect(store.unwrap(wrapDataKey(two, randomBytes(32), binding), { ...binding, epoch: 2 })).rejects.toThrow();
  });

  it('gives each epoch its own secret per purpose, and none once the epoch is destroyed', async () => {
    await Promise.all([store.create(1), store.create(2)]);
    const secret = await store.secret(1, 'blind-index');
    expect(secret).toHaveLength(32);
    expect(await store.secret(1, 'blind-index')).toEqual(secret);
    expect(await store.secret(1, 'another')).not.toEqual(secret);
    expect(await store.secret(2, 'blind-index')).not.toEqual(secret);
    await store.destroy(1);
    await expect(store.secret(1, 'blind-index')).rejects.toBeInstanceOf(KekUnavailableError);
  });

  it('loses every key wrapped to an epoch once that epoch is destroyed, and keeps the others', async () => {
    const [one, two] = [await store.create(1), await store.create(2)];
    const dataKey = randomBytes(32);
    const [wrappedOne, wrappedTwo] = [wrapDataKey(one, dataKey, binding), wrapDataKey(two, dataKey, { ...binding, epoch: 2 })];
    await store.destroy(1);
    await store.destroy(1);
    await expect(store.unwrap(wrappedOne, binding)).rejects.toBeInstanceOf(KekUnavailableError);
    expect(await store.publicKey(1)).toBeNull();
    expect(await store.unwrap(wrappedTwo, { ...binding, epoch: 2 })).toEqual(dataKey);
    expect(await store.epochs()).toEqual([2]);
  });
}
