import mongoose, { type Connection } from 'mongoose';
import { START, type JsonObject, type Position } from '@privacy-ledger/ledger';
import { waitUntilApplied } from '../applied';
import { LeaseLostError, type ListOptions, type ReadModels, type ReadModelTransaction } from '../read-model-store.port';
import { MongoBatch, collectionOf, flatten, isDuplicateKey, type StoredDocument } from './mongo-batch';

interface Checkpoint {
  _id: string;
  position: Position;
  fence: number;
}

const CHECKPOINTS = 'projection_checkpoints';

/**
 * Read models in MongoDB (or FerretDB, which speaks its protocol), through mongoose. Neither gives
 * transactions here, so a batch writes its documents first, each at the position of its event and only
 * over an older one, then moves the checkpoint: a crash in between leaves documents that the batch,
 * delivered again, does not change (see ReadModelTransaction). A deleted document stays as a tombstone
 * with its position until a rebuild wipes the collection.
 */
export class MongoReadModels implements ReadModels {
  /** Each `where` shape the services ask for, indexed once by this process. */
  private readonly indexed = new Set<string>();

  private constructor(private readonly connection: Connection) {}

  static async connect(url: string, { timeoutMs = 5000 }: { timeoutMs?: number } = {}): Promise<MongoReadModels> {
    const connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: timeoutMs, autoIndex: false }).asPromise();
    await connection.collection(CHECKPOINTS).createIndex({ position: 1 });
    return new MongoReadModels(connection);
  }

  async get<T extends JsonObject>(collection: string, id: string): Promise<T | null> {
    const stored = await this.documents(collection).findOne({ _id: id });
    return (stored?.document as T | undefined) ?? null;
  }

  async list<T extends JsonObject>(collection: string, options: ListOptions = {}): Promise<T[]> {
    const where = flatten(options.where ?? {}, 'document');
    await this.ensureIndex(collection, Object.keys(where));
    const found = await this.documents(collection)
      .find({ ...where, document: { $ne: null } })
      .sort({ _id: 1 })
      .skip(options.offset ?? 0)
      .limit(options.limit ?? 100)
      .toArray();
    return found.map((stored) => stored.document as T);
  }

  async takeOver(projection: string, fence: number): Promise<Position> {
    try {
      const taken = await this.checkpoints().findOneAndUpdate(
        { _id: projection, fence: { $lte: fence } },
        { $set: { fence }, $setOnInsert: { position: START } },
        { upsert: true, returnDocument: 'after' },
      );
      return taken!.position;
    } catch (error) {
      // The checkpoint exists with a newer fence: the upsert's insert collides with it.
      if (isDuplicateKey(error)) throw new LeaseLostError(projection);
      throw error;
    }
  }

  async applyBatch(
    projection: string,
    to: Position,
    fence: number,
    apply: (readModel: ReadModelTransaction) => Promise<void>,
  ): Promise<void> {
    await this.assertHolder(projection, fence);
    const batch = new MongoBatch(this.connection);
    await apply(batch);
    await this.assertHolder(projection, fence);
    await batch.write();
    await this.moveCheckpoint(projection, to, fence);
  }

  async reset(projection: string, collections: readonly string[], fence: number): Promise<void> {
    await this.assertHolder(projection, fence);
    for (const collection of collections) await this.documents(collection).deleteMany({});
    await this.moveCheckpoint(projection, START, fence);
  }

  async checkpoint(projection: string): Promise<Position> {
    return (await this.checkpoints().findOne({ _id: projection }))?.position ?? START;
  }

  async checkpointsAfter(head: Position): Promise<ReadonlyMap<string, Position>> {
    const ahead = await this.checkpoints()
      .find({ position: { $gt: head } })
      .sort({ _id: 1 })
      .toArray();
    return new Map(ahead.map((checkpoint) => [checkpoint._id, checkpoint.position]));
  }

  applied(projection: string, position: Position, timeoutMs = 5000): Promise<boolean> {
    return waitUntilApplied(() => this.checkpoint(projection), position, timeoutMs);
  }

  async ping(): Promise<void> {
    await this.connection.db!.command({ ping: 1 });
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private async assertHolder(projection: string, fence: number): Promise<void> {
    const current = await this.checkpoints().findOne({ _id: projection });
    if (current && current.fence > fence) throw new LeaseLostError(projection);
  }

  /** Only the newest holder of the lease may move the checkpoint. */
  private async moveCheckpoint(projection: string, to: Position, fence: number): Promise<void> {
    try {
      await this.checkpoints().updateOne({ _id: projection, fence: { $lte: fence } }, { $set: { position: to, fence } }, { upsert: true });
    } catch (error) {
      if (isDuplicateKey(error)) throw new LeaseLostError(projection);
      throw error;
    }
  }

  private async ensureIndex(collection: string, fields: readonly string[]): Promise<void> {
    const shape = JSON.stringify([collection, fields]);
    if (this.indexed.has(shape)) return;
    await this.documents(collection).createIndex({ ...Object.fromEntries(fields.map((field) => [field, 1])), _id: 1 });
    this.indexed.add(shape);
  }

  private documents(collection: string) {
    return this.connection.collection<StoredDocument>(collectionOf(collection));
  }

  private checkpoints() {
    return this.connection.collection<Checkpoint>(CHECKPOINTS);
  }
}

/** `{a: {b: 1}}` as `{'document.a.b': 1}`: nested fields match when they hold these values, as jsonb's containment does. */
