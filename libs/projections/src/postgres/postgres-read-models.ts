import { START, type JsonObject, type Position } from '@privacy-ledger/ledger';
import { migrate, toNumber, type SqlDatabase, type SqlExecutor } from '@privacy-ledger/sql';
import { waitUntilApplied } from '../applied';
import { LeaseLostError, type ListOptions, type ReadModels, type ReadModelTransaction } from '../read-model-store.port';
import { READ_MODEL_SCHEMA } from './read-model-schema';

class PostgresReadModelTransaction implements ReadModelTransaction {
  constructor(private readonly tx: SqlExecutor) {}

  async get<T extends JsonObject>(collection: string, id: string): Promise<T | null> {
    const [row] = await this.tx.query<{ document: T }>('select document from read_models where collection = $1 and id = $2', [
      collection,
      id,
    ]);
    return row?.document ?? null;
  }

  async put(collection: string, id: string, document: JsonObject, position: Position): Promise<void> {
    await this.tx.query(
      `insert into read_models (collection, id, document, position) values ($1, $2, $3::jsonb, $4)
       on conflict (collection, id) do update set document = excluded.document, position = excluded.position
       where read_models.position < excluded.position`,
      [collection, id, JSON.stringify(document), position],
    );
  }

  // A batch here commits with its checkpoint or not at all, so a deleted document needs no tombstone.
  async delete(collection: string, id: string, position: Position): Promise<void> {
    await this.tx.query('delete from read_models where collection = $1 and id = $2 and position < $3', [collection, id, position]);
  }

  async deleteWhere(collection: string, where: JsonObject, position: Position): Promise<void> {
    await this.tx.query('delete from read_models where collection = $1 and document @> $2::jsonb and position < $3', [
      collection,
      JSON.stringify(where),
      position,
    ]);
  }
}

interface CheckpointRow {
  position: unknown;
}

const toPosition = (row: CheckpointRow | undefined): Position => (row ? toNumber(row.position) : START);

/** Read models as jsonb documents, and the projection checkpoints beside them in the same database. */
export class PostgresReadModels implements ReadModels {
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

  async takeOver(projection: string, fence: number): Promise<Position> {
    const [row] = await this.db.query<CheckpointRow>(
      `insert into projection_checkpoints (projection, position, fence) values ($1, 0, $2)
       on conflict (projection) do update set fence = excluded.fence where projection_checkpoints.fence <= excluded.fence
       returning position`,
      [projection, fence],
    );
    if (!row) throw new LeaseLostError(projection);
    return toPosition(row);
  }

  async applyBatch(
    projection: string,
    to: Position,
    fence: number,
    apply: (readModel: ReadModelTransaction) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await apply(new PostgresReadModelTransaction(tx));
      await this.moveCheckpoint(tx, projection, to, fence);
    });
  }

  async reset(projection: string, collections: readonly string[], fence: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const collection of collections) await tx.query('delete from read_models where collection = $1', [collection]);
      await this.moveCheckpoint(tx, projection, START, fence);
    });
  }

  async checkpoint(projection: string): Promise<Position> {
    const [row] = await this.db.query<CheckpointRow>('select position from projection_checkpoints where projection = $1', [projection]);
    return toPosition(row);
  }

  async checkpointsAfter(head: Position): Promise<ReadonlyMap<string, Position>> {
    const rows = await this.db.query<{ projection: string } & CheckpointRow>(
      'select projection, position from projection_checkpoints where position > $1 order by projection',
      [head],
    );
    return new Map(rows.map((row) => [row.projection, toPosition(row)]));
  }

  applied(projection: string, position: Position, timeoutMs = 5000): Promise<boolean> {
    return waitUntilApplied(() => this.checkpoint(projection), position, timeoutMs);
  }

  /** Only the newest holder of the lease may move the checkpoint; an older one's transaction rolls back. */
  private async moveCheckpoint(tx: SqlExecutor, projection: string, to: Position, fence: number): Promise<void> {
    const updated = await tx.query(
      `insert into projection_checkpoints (projection, position, fence) values ($1, $2, $3)
       on conflict (projection) do update set position = excluded.position, fence = excluded.fence, updated_at = now()
       where projection_checkpoints.fence <= excluded.fence returning projection`,
      [projection, to, fence],
    );
    if (updated.length === 0) throw new LeaseLostError(projection);
  }
}
