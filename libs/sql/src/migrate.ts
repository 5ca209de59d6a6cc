import { createHash } from 'node:crypto';
import type { SqlDatabase } from './sql-database.port';

/**
 * Applies idempotent DDL under a transaction-scoped advisory lock, so that several processes starting at once
 * against one server do not race on `create ... if not exists`. A component whose statements were applied as they
 * are runs none of them again: `create index if not exists` locks its table even when the index is there, and a
 * process starting beside running ones (scaling out, a second composition) could deadlock with their writes.
 */
export async function migrate(db: SqlDatabase, component: string, statements: readonly string[]): Promise<void> {
  const digest = createHash('sha256').update(statements.join('\n;\n')).digest('hex');
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`privacy-ledger:migrate:${component}`]);
    await tx.query('create table if not exists schema_versions (component text primary key, digest text not null)');
    const [applied] = await tx.query<{ digest: string }>('select digest from schema_versions where component = $1', [component]);
    if (applied?.digest === digest) return;
    for (const statement of statements) await tx.query(statement);
    await tx.query(
      `insert into schema_versions (component, digest) values ($1, $2)
       on conflict (component) do update set digest = excluded.digest`,
      [component, digest],
    );
  });
}
