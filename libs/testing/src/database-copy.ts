import { Client } from 'pg';

export interface RowsOf {
  (sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

/** Opens the database as an attacker or an auditor holding its address would, and reads rows from it. */
export async function readDatabase<T>(url: string, read: (rows: RowsOf) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await read(async (sql, params) => (await client.query(sql, params)).rows);
  } finally {
    await client.end();
  }
}
