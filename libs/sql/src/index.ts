export * from './sql-database.port';
export * from './postgres-database';
export * from './pglite-database';
export * from './open-database';
export * from './migrate';
