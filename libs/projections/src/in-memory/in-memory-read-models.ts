import { START, type JsonObject, type Position } from '@privacy-ledger/ledger';
import { waitUntilApplied } from '../applied';
import { LeaseLostError, type ListOptions, type ReadModels, type ReadModelTransaction } from '../read-model-store.port';

const copy = <T>(value: T): T => structuredClone(value);

const matches = (document: JsonObject, where: JsonObject) =>
  Object.entries(where).every(([field, value]) => JSON.stringify(document[field]) === JSON.stringify(value));

/** Read models in this process's memory, for fast specifications: the same rules as the SQL store, fences included. */
export class InMemoryReadModels implements ReadModels {
  private readonly documents = new Map<string, Map<string, JsonObject>>();
  private readonly positions = new Map<string, Position>();
  private readonly checkpoints = new Map<string, { position: Position; fence: number }>();

  async get<T extends JsonObject>(collection: string, id: string): Promise<T | null> {
    const document = this.documents.get(collection)?.get(id);
    return document ? (copy(document) as T) : null;
  }

  async list<T extends JsonObject>(collection: string, options: ListOptions = {}): Promise<T[]> {
    const offset = options.offset ?? 0;
    return [...(this.documents.get(collection) ?? new Map<string, JsonObject>())]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, document]) => document)
      .filter((document) => matches(document, options.where ?? {}))
      .slice(offset, offset + (options.limit ?? 100))
      .map((document) => copy(document) as T);
  }

  async takeOver(projection: string, fence: number): Promise<Position> {
    const current = this.checkpoints.get(projection) ?? { position: START, fence: 0 };
    if (current.fence > fence) throw new LeaseLostError(projection);
    this.checkpoints.set(projection, { ...current, fence });
    return current.position;
  }

  /** Collects the batch's writes and applies them only when the whole batch went through. */
  async applyBatch(
    projection: string,
    to: Position,
    fence: number,
    apply: (readModel: ReadModelTransaction) => Promise<void>,
  ): Promise<void> {
    this.assertHolder(projection, fence);
    const writes = new Map<string, { document: JsonObject | null; position: Position }>();
    const key = (collection: string, id: string) => JSON.stringify([collection, id]);
    const write = (collection: string, id: string, document: JsonObject | null, position: Position) => {
      const at = writes.get(key(collection, id))?.position ?? this.positions.get(key(collection, id)) ?? START;
      if (position > at) writes.set(key(collection, id), { document: document && copy(document), position });
    };
    await apply({
      get: async <T extends JsonObject>(collection: string, id: string) => {
        const written = writes.get(key(collection, id));
        return written === undefined ? this.get<T>(collection, id) : written.document && (copy(written.document) as T);
      },
      put: async (collection, id, document, position) => write(collection, id, document, position),
      delete: async (collection, id, position) => write(collection, id, null, position),
      deleteWhere: async (collection, where, position) => {
        const stored = [...(this.documents.get(collection) ?? [])].filter(([id]) => !writes.has(key(collection, id)));
        const pending = [...writes].flatMap(([written, { document }]) => {
          const [writtenCollection, id] = JSON.parse(written) as [string, string];
          return writtenCollection === collection && document ? [[id, document] as const] : [];
        });
        for (const [id, document] of [...stored, ...pending]) if (matches(document, where)) write(collection, id, null, position);
      },
    });
    this.assertHolder(projection, fence);
    for (const [written, { document, position }] of writes) {
      const [collection, id] = JSON.parse(written) as [string, string];
      const documents = this.documents.get(collection) ?? this.documents.set(collection, new Map()).get(collection)!;
      if (document === null) documents.delete(id);
      else documents.set(id, document);
      this.positions.set(written, position);
    }
    this.checkpoints.set(projection, { position: to, fence });
  }

  async reset(projection: string, collections: readonly string[], fence: number): Promise<void> {
    this.assertHolder(projection, fence);
    for (const collection of collections) {
      this.documents.delete(collection);
      for (const written of this.positions.keys()) if (JSON.parse(written)[0] === collection) this.positions.delete(written);
    }
    this.checkpoints.set(projection, { position: START, fence });
  }

  async checkpoint(projection: string): Promise<Position> {
    return this.checkpoints.get(projection)?.position ?? START;
  }

  async checkpointsAfter(head: Position): Promise<ReadonlyMap<string, Position>> {
    return new Map([...this.checkpoints].filter(([, { position }]) => position > head).map(([name, { position }]) => [name, position]));
  }

  applied(projection: string, position: Position, timeoutMs = 5000): Promise<boolean> {
    return waitUntilApplied(() => this.checkpoint(projection), position, timeoutMs);
  }

  private assertHolder(projection: string, fence: number): void {
    if ((this.checkpoints.get(projection)?.fence ?? 0) > fence) throw new LeaseLostError(projection);
  }
}
