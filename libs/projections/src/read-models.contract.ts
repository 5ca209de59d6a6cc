import { START } from '@privacy-ledger/ledger';
import { LeaseLostError, type ReadModels } from './read-model-store.port';

/** Every adapter of the ReadModels port passes this suite; `open` gives an empty store. */
export function readModelsContract(open: () => Promise<{ readModels: ReadModels; close(): Promise<void> }>): void {
  let readModels: ReadModels;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ readModels, close } = await open());
    await readModels.takeOver('p', 1);
  });
  afterEach(() => close());

  const batch = (to: number, apply: Parameters<ReadModels['applyBatch']>[3], fence = 1) => readModels.applyBatch('p', to, fence, apply);

  it('writes documents with the checkpoint, and reads them by id and by equal top-level fields, in id order, in pages', async () => {
    await batch(3, async (tx) => {
      await tx.put('c', 'b', { owner: 'x', n: 2 }, 1);
      await tx.put('c', 'a', { owner: 'x', n: 1 }, 2);
      await tx.put('c', 'z', { owner: 'y', n: 3, nested: { deep: true } }, 3);
    });
    expect(await readModels.checkpoint('p')).toBe(3);
    expect(await readModels.get('c', 'a')).toEqual({ owner: 'x', n: 1 });
    expect(await readModels.get('c', 'nothing')).toBeNull();
    expect(await readModels.get('other', 'a')).toBeNull();
    expect(await readModels.list('c', { where: { owner: 'x' } })).toEqual([
      { owner: 'x', n: 1 },
      { owner: 'x', n: 2 },
    ]);
    expect(await readModels.list('c', { limit: 1, offset: 1 })).toEqual([{ owner: 'x', n: 2 }]);
    expect(await readModels.list('c', { where: { nested: { deep: true } } })).toEqual([{ owner: 'y', n: 3, nested: { deep: true } }]);
  });

  it('shows a batch its own writes, and deletes a document', async () => {
    await batch(2, async (tx) => {
      await tx.put('c', 'a', { n: 1 }, 1);
      expect(await tx.get('c', 'a')).toEqual({ n: 1 });
      await tx.delete('c', 'a', 2);
      expect(await tx.get('c', 'a')).toBeNull();
    });
    expect(await readModels.get('c', 'a')).toBeNull();
    expect(await readModels.list('c')).toEqual([]);
  });

  it('deletes every document of an account at once, those stored and those the batch wrote, and keeps the others', async () => {
    await batch(2, async (tx) => {
      await tx.put('c', 'stored', { accountId: 'gone', n: 1 }, 1);
      await tx.put('c', 'newer', { accountId: 'gone', n: 2 }, 2);
      await tx.put('c', 'other', { accountId: 'kept', n: 3 }, 2);
    });
    await batch(5, async (tx) => {
      await tx.put('c', 'pending', { accountId: 'gone', n: 4 }, 3);
      await tx.deleteWhere('c', { accountId: 'gone' }, 4);
      expect(await tx.get('c', 'stored')).toBeNull();
      expect(await tx.get('c', 'pending')).toBeNull();
      await tx.put('c', 'after', { accountId: 'gone', n: 5 }, 5);
    });
    expect(await readModels.list('c')).toEqual([
      { accountId: 'gone', n: 5 },
      { accountId: 'kept', n: 3 },
    ]);
  });

  it('never takes a document back to an earlier position: a batch delivered again changes nothing', async () => {
    await batch(2, async (tx) => {
      await tx.put('c', 'a', { count: 1 }, 1);
      await tx.put('c', 'a', { count: 2 }, 2);
    });
    // The same events again, as after a crash before the checkpoint moved: each evolves what is stored.
    await batch(3, async (tx) => {
      await tx.put('c', 'a', { count: ((await tx.get<{ count: number }>('c', 'a'))!.count as number) + 1 }, 1);
      await tx.put('c', 'a', { count: ((await tx.get<{ count: number }>('c', 'a'))!.count as number) + 1 }, 2);
      await tx.delete('c', 'a', 2);
      await tx.put('c', 'a', { count: ((await tx.get<{ count: number }>('c', 'a'))!.count as number) + 1 }, 3);
    });
    expect(await readModels.get('c', 'a')).toEqual({ count: 3 });
  });

  it('refuses the writes and the checkpoint of a runner with an older fence', async () => {
    await readModels.takeOver('p', 5);
    await expect(batch(4, (tx) => tx.put('c', 'stale', { n: 1 }, 4), 1)).rejects.toBeInstanceOf(LeaseLostError);
    await expect(readModels.takeOver('p', 4)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await readModels.get('c', 'stale')).toBeNull();
    expect(await readModels.checkpoint('p')).toBe(START);
    expect(await readModels.takeOver('p', 6)).toBe(START);
  });

  it('resets the collections and the checkpoint for a rebuild, after which early positions write again', async () => {
    await batch(5, (tx) => tx.put('c', 'a', { n: 5 }, 5));
    await readModels.reset('p', ['c'], 1);
    expect(await readModels.get('c', 'a')).toBeNull();
    expect(await readModels.checkpoint('p')).toBe(START);
    await batch(1, (tx) => tx.put('c', 'a', { n: 1 }, 1));
    expect(await readModels.get('c', 'a')).toEqual({ n: 1 });
  });

  it('names the checkpoints beyond a position, and tells when a position is applied', async () => {
    await batch(7, async () => undefined);
    await readModels.takeOver('q', 1);
    await readModels.applyBatch('q', 2, 1, async () => undefined);
    expect([...(await readModels.checkpointsAfter(5))]).toEqual([['p', 7]]);
    expect(await readModels.applied('p', 7, 50)).toBe(true);
    expect(await readModels.applied('q', 3, 50)).toBe(false);
  });
}
