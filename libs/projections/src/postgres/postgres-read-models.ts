import type { JsonObject, Position } from '@privacy-ledger/ledger';
import { comparePositions, START } from '@privacy-ledger/ledger';
import { migrate, toNumber, type SqlDatabase, type SqlExecutor } from '@privacy-ledger/sql';
import type { ListOptions, ReadModelStore, ReadModelTransaction } from '../read-model-store.port';
import { READ_MODEL_SCHEMA } from './read-model-schema';

class PostgresReadModelTransaction implements ReadModelTransaction {
  constructor(private readonly tx: SqlExecutor) {}

  async get<T extends JsonObject>(collection: string, id: string): Promise<T | null> {
    const [row] = await this.tx.query<{ document: T }>('select document from read_models where collection = $1 and id = $2', [collection, id]);
    return row?.document ?? null;
  }

  async put(collection: string, id: string, document: JsonObject): Promise<void> {
    await this.tx.query(
      `insert into read_models (collection, id, document) values ($1, $2, $3::jsonb)
       on conflict (collection, id) do update set document = excluded.document`,
      [collection, id, JSON.stringify(document)],
    );
  }

  async delete(collection: string, id: string): Promise<void> {
    await this.tx.query('delete from read_models where collection = $1 and id = $2', [collection, id]);
  }
}

/** Read models as jsonb documents, and the projection checkpoints beside them in the same database. */
export class PostgresReadModels implements ReadModelStore {
  private constructor(private readonly db: SqlDatabase) {}

  static async create(db: SqlDatabase): Promise<PostgresReadModels> {
    await migrate(db, 'read-models', READ_MODEL_SCHEMA);
    return new PostgresReadModels(db);
  }

  get<T extends JsonObject>(collection: string, id: string): Promise<T | null> {
    return new PostgresReadModelTransaction(this.db).get<T>(collection, id);
  }

  async list<T extends JsonObject>(collection: string, options: ListOptions = {}): Promise<T[]> {
    const rows = await this.db.query<{ document: T }>(
      `select document from read_models where collection = $1 and document @> $2::jsonb order by id limit $3 offset $4`,
      [collection, JSON.stringify(options.where ?? {}), options.limit ?? 100, options.offset ?? 0],
    );
    return rows.map((row) => row.document);
  }

  /** Applies a batch and moves the checkpoint in one transaction: either both happen or neither. */
  async applyBatch(tx: SqlExecutor, projection: string, to: Position, apply: (readModel: ReadModelTransaction) => Promise<void>): Promise<void> {
    await apply(new PostgresReadModelTransaction(tx));
    await tx.query(
      `insert into projection_checkpoints (projection, commit_position, sequence_position) values ($1, $2, $3)
       on conflict (projection) do update set commit_position = excluded.commit_position,
         sequence_position = excluded.sequence_position, updated_at = now()`,
      [projection, to.commit, to.sequence],
    );
  }

  async checkpoint(executor: SqlExecutor, projection: string): Promise<Position> {
    const [row] = await executor.query<{ commit_position: unknown; sequence_position: unknown }>(
      'select commit_position, sequence_position from projection_checkpoints where projection = $1',
      [projection],
    );
    return row ? { commit: toNumber(row.commit_position), sequence: toNumber(row.sequence_position) } : START;
  }

  /**
   * Resolves true once the projection has applied everything up to `position` (whichever process runs
   * it), false after `timeoutMs`: how a write answers only when its read model shows it.
   */
  async applied(projection: string, position: Position, timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (comparePositions(await this.checkpoint(this.db, projection), position) >= 0) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async reset(tx: SqlExecutor, projection: string, collections: readonly string[]): Promise<void> {
    for (const collection of collections) await tx.query('delete from read_models where collection = $1', [collection]);
    await tx.query('delete from projection_checkpoints where projection = $1', [projection]);
  }
}
