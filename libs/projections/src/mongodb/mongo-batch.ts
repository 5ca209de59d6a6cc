import type { Connection } from 'mongoose';
import { START, type JsonObject, type Position } from '@privacy-ledger/ledger';
import type { ReadModelTransaction } from '../read-model-store.port';

/** A read-model document as MongoDB keeps it: `document` null is a tombstone, so a late write cannot bring it back. */
export interface StoredDocument {
  _id: string;
  document: JsonObject | null;
  position: Position;
}

/** Read-model collections apart from any other collection in the database. */
export const collectionOf = (collection: string) => `read_model.${collection}`;

export const isDuplicateKey = (error: unknown) => (error as { code?: unknown } | null)?.code === 11000;

interface Removal {
  readonly collection: string;
  readonly where: JsonObject;
  readonly position: Position;
}

const matches = (document: JsonObject | null, where: JsonObject) =>
  document !== null && Object.entries(where).every(([field, value]) => JSON.stringify(document[field]) === JSON.stringify(value));

/** A filter on stored documents in MongoDB's dotted paths: `{a: {b: 1}}` under `document` is `{'document.a.b': 1}`. */
export function flatten(value: JsonObject, path: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, item]) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? Object.entries(flatten(item as JsonObject, `${path}.${key}`))
        : [[`${path}.${key}`, item]],
    ),
  );
}

interface Entry {
  readonly document: JsonObject | null;
  readonly position: Position;
}

/**
 * One batch of a projection: reads go to the database once per document and then to what the batch wrote;
 * writes are kept until the batch went through, and a write at or before a document's position is dropped.
 */
export class MongoBatch implements ReadModelTransaction {
  private readonly current = new Map<string, Entry & { collection: string; id: string }>();
  private readonly written = new Set<string>();
  private readonly removals: Removal[] = [];

  constructor(private readonly connection: Connection) {}

  async get<T extends JsonObject>(collection: string, id: string): Promise<T | null> {
    const { document } = await this.entry(collection, id);
    return document && (structuredClone(document) as T);
  }

  put(collection: string, id: string, document: JsonObject, position: Position): Promise<void> {
    return this.record(collection, id, structuredClone(document), position);
  }

  delete(collection: string, id: string, position: Position): Promise<void> {
    return this.record(collection, id, null, position);
  }

  /** The documents this batch saw are deleted one by one; those it did not, in the store, once the batch is written. */
  async deleteWhere(collection: string, where: JsonObject, position: Position): Promise<void> {
    for (const entry of [...this.current.values()])
      if (entry.collection === collection && matches(entry.document, where)) await this.record(collection, entry.id, null, position);
    this.removals.push({ collection, where, position });
  }

  /** Each document at most once, and only over an older one: a newer one, stored meanwhile, stays. */
  async write(): Promise<void> {
    for (const key of this.written) {
      const { collection, id, document, position } = this.current.get(key)!;
      await this.connection
        .collection<StoredDocument>(collectionOf(collection))
        .updateOne({ _id: id, position: { $lt: position } }, { $set: { document, position } }, { upsert: true })
        .catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
    }
    for (const { collection, where, position } of this.removals)
      await this.connection
        .collection<StoredDocument>(collectionOf(collection))
        .updateMany({ ...flatten(where, 'document'), position: { $lt: position } }, { $set: { document: null, position } });
  }

  private async record(collection: string, id: string, document: JsonObject | null, position: Position): Promise<void> {
    if (position <= (await this.entry(collection, id)).position) return;
    const key = JSON.stringify([collection, id]);
    this.current.set(key, { collection, id, document, position });
    this.written.add(key);
  }

  private async entry(collection: string, id: string): Promise<Entry> {
    const key = JSON.stringify([collection, id]);
    const known = this.current.get(key);
    if (known) return known;
    const stored = await this.connection.collection<StoredDocument>(collectionOf(collection)).findOne({ _id: id });
    const position = stored?.position ?? START;
    const removal = this.removals.find(
      (r) => r.collection === collection && r.position > position && matches(stored?.document ?? null, r.where),
    );
    const entry = removal
      ? { collection, id, document: null, position: removal.position }
      : { collection, id, document: stored?.document ?? null, position };
    this.current.set(key, entry);
    return entry;
  }
}
