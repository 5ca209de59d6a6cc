import type { SqlExecutor, SqlDatabase } from './sql-database.port';

/**
 * Applies idempotent DDL under a transaction-scoped advisory lock, so that several processes starting at once
 * against one server do not race on `create ... if not exists`. Every statement runs at every start (some repair
 * what a move or an upgrade left), but an index or a column that is there already: `create index if not exists`
 * and `add column if not exists` lock their table even then, and a process starting beside running ones could
 * deadlock with their writes.
 */
export async function migrate(db: SqlDatabase, component: string, statements: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`privacy-ledger:migrate:${component}`]);
    for (const statement of statements) if (!(await isInPlace(tx, statement))) await tx.query(statement);
  });
}

async function isInPlace(tx: SqlExecutor, statement: string): Promise<boolean> {
  const index = /^\s*create\s+(?:unique\s+)?index\s+if\s+not\s+exists\s+(\w+)/i.exec(statement);
  if (index) return (await tx.query<{ there: boolean }>('select to_regclass($1) is not null as there', [index[1]]))[0].there;
  const column = /^\s*alter\s+table\s+(\w+)\s+add\s+column\s+if\s+not\s+exists\s+(\w+)\s+[^,;]*$/i.exec(statement);
  if (!column) return false;
  const [row] = await tx.query<{ there: boolean }>(
    `select exists (select 1 from information_schema.columns
       where table_schema = current_schema() and table_name = $1 and column_name = $2) as there`,
    [column[1], column[2]],
  );
  return row.there;
}
