import { PGliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';
import type { SqlDatabase } from './sql-database.port';

export interface DatabaseConfig {
  /** A PostgreSQL server; when absent, embedded PGlite is used. */
  databaseUrl?: string;
  /** Where embedded PGlite keeps its files; absent means in memory. */
  dataDir?: string;
  poolSize?: number;
}

export function openDatabase(config: DatabaseConfig): Promise<SqlDatabase> {
  if (config.databaseUrl) return Promise.resolve(new PostgresDatabase(config.databaseUrl, config.poolSize));
  return PGliteDatabase.open(config.dataDir);
}
