import mongoose from 'mongoose';
import { START } from '@privacy-ledger/ledger';
import { createScratchMongoDatabase, serverReadModelsUrl } from '@privacy-ledger/testing';
import { readModelsContract } from '../read-models.contract';
import { MongoBatch } from './mongo-batch';
import { MongoReadModels } from './mongo-read-models';

const serverUrl = serverReadModelsUrl();
if (!serverUrl) console.log('READ_MODELS_URL is not set (eval "$(npm run -s stack:up)" sets it): the MongoDB read-model suite is skipped.');

(serverUrl ? describe : describe.skip)('MongoReadModels on the MongoDB server READ_MODELS_URL names', () => {
  readModelsContract(async () => {
    const scratch = createScratchMongoDatabase(serverUrl!);
    const readModels = await MongoReadModels.connect(scratch.url);
    return {
      readModels,
      async close() {
        await readModels.close();
        await scratch.drop();
      },
    };
  });
});

(serverUrl ? describe : describe.skip)('MongoReadModels without transactions', () => {
  let readModels: MongoReadModels;
  let scratch: ReturnType<typeof createScratchMongoDatabase>;
  beforeEach(async () => {
    scratch = createScratchMongoDatabase(serverUrl!);
    readModels = await MongoReadModels.connect(scratch.url);
    await readModels.takeOver('p', 1);
  });
  afterEach(async () => {
    await readModels.close();
    await scratch.drop();
  });

  /** Each event adds one to its document: applied twice, a count would show it. */
  const countEvents = (positions: number[]) => async (tx: Parameters<Parameters<MongoReadModels['applyBatch']>[3]>[0]) => {
    for (const position of positions) {
      const id = `doc-${position % 3}`;
      const current = await tx.get<{ count: number; last: number }>('counts', id);
      await tx.put('counts', id, { count: (current?.count ?? 0) + 1, last: position }, position);
    }
  };

  it('changes nothing when a batch comes again after a crash between its documents and its checkpoint', async () => {
    const connection = await mongoose.createConnection(scratch.url, { serverSelectionTimeoutMS: 5000 }).asPromise();
    const crashed = new MongoBatch(connection);
    await countEvents([1, 2, 3, 4, 5])(crashed);
    await crashed.write();
    await connection.close();
    expect(await readModels.checkpoint('p')).toBe(START);
    await readModels.applyBatch('p', 7, 1, countEvents([1, 2, 3, 4, 5, 6, 7]));
    const clean = createScratchMongoDatabase(serverUrl!);
    const cleanModels = await MongoReadModels.connect(clean.url);
    await cleanModels.takeOver('p', 1);
    await cleanModels.applyBatch('p', 7, 1, countEvents([1, 2, 3, 4, 5, 6, 7]));
    expect(await readModels.list('counts')).toEqual(await cleanModels.list('counts'));
    expect(await readModels.get('counts', 'doc-1')).toEqual({ count: 3, last: 7 });
    await cleanModels.close();
    await clean.drop();
  });

  it('answers the queries the services run from an index it made for them: the fields asked for, then the id', async () => {
    await readModels.applyBatch('p', 1, 1, (tx) => tx.put('cards', 'c1', { accountId: 'a1', nested: { kind: 'k' } }, 1));
    expect(await readModels.list('cards', { where: { accountId: 'a1', nested: { kind: 'k' } } })).toHaveLength(1);
    const connection = await mongoose.createConnection(scratch.url, { serverSelectionTimeoutMS: 5000 }).asPromise();
    const indexes = await connection.collection('read_model.cards').listIndexes().toArray();
    await connection.close();
    expect(indexes.map((index) => index.key)).toContainEqual({ 'document.accountId': 1, 'document.nested.kind': 1, _id: 1 });
  });

  it('keeps a newer document that another writer stored while a batch ran', async () => {
    await readModels.applyBatch('p', 3, 1, async (tx) => {
      await tx.get('counts', 'a');
      await readModels.applyBatch('p', 5, 1, (newer) => newer.put('counts', 'a', { from: 'newer' }, 5));
      await tx.put('counts', 'a', { from: 'older' }, 3);
    });
    expect(await readModels.get('counts', 'a')).toEqual({ from: 'newer' });
  });
});
