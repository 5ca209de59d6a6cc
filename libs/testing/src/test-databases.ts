import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PGliteDatabase, PostgresDatabase, type SqlDatabase } from '@privacy-ledger/sql';

/**
 * The PostgreSQL server for server-mode suites. Under CI it must be configured: a missing server
 * there would quietly turn half the contract suites into skips.
 */
export function serverDatabaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url && process.env.CI === 'true') throw new Error('CI=true requires DATABASE_URL: the server-mode suites must run in CI');
  return url || undefined;
}

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database on the server, so suites running side by side never see each other's rows. */
export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `pl_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestDatabaseAdapter {
  readonly name: 'pglite' | 'postgres';
  /** Opens a database no other suite uses; `close` releases and removes it. */
  open(): Promise<{ db: SqlDatabase; url?: string; close(): Promise<void> }>;
}

/** PGlite always; the PostgreSQL server whenever DATABASE_URL is set. */
export function testDatabaseAdapters(): TestDatabaseAdapter[] {
  const adapters: TestDatabaseAdapter[] = [
    {
      name: 'pglite',
      async open() {
        const db = await PGliteDatabase.open();
        return { db, close: () => db.close() };
      },
    },
  ];
  const serverUrl = serverDatabaseUrl();
  if (serverUrl) {
    adapters.push({
      name: 'postgres',
      async open() {
        const scratch = await createScratchDatabase(serverUrl);
        const db = new PostgresDatabase(scratch.url);
        return {
          db,
          url: scratch.url,
          async close() {
            await db.close();
            await scratch.drop();
          },
        };
      },
    });
  }
  return adapters;
}
