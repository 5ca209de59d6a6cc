import type { SqlDatabase } from './sql-database.port';

/**
 * Applies idempotent DDL under a transaction-scoped advisory lock, so that several processes
 * starting at once against one server do not race on `create ... if not exists`.
 */
export async function migrate(db: SqlDatabase, component: string, statements: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`privacy-ledger:migrate:${component}`]);
    for (const statement of statements) await tx.query(statement);
  });
}
