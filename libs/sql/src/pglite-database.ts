import { PGlite } from '@electric-sql/pglite';
import type { NotificationListener, SqlDatabase, SqlExecutor, SqlSession } from './sql-database.port';

interface Queryable {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

function executorOf(db: Queryable): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
  };
}

/** PostgreSQL compiled to WASM, in this process. One connection: PGlite itself queues concurrent work. */
export class PGliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;

  private constructor(private readonly db: PGlite) {}

  /** `dataDir` undefined means in memory. */
  static async open(dataDir?: string): Promise<PGliteDatabase> {
    const db = await PGlite.create(dataDir ? { dataDir } : {});
    return new PGliteDatabase(db);
  }

  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return executorOf(this.db).query<Row>(sql, params);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(executorOf(tx)));
  }

  withConnection<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return work(this);
  }

  async listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>> {
    const unlisten = await this.db.listen(channel, listener);
    return () => unlisten();
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.db.query('select pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
