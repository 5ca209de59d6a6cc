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

const MAX_IDENTIFIER_BYTES = 63;

/**
 * `<database>_test_<random>`, named after the database DATABASE_URL names, so scratch databases show whose
 * they are: lower case letters, digits and underscores only, within PostgreSQL's 63-byte identifiers.
 */
export function scratchDatabaseName(serverUrl: string): string {
  const suffix = `_test_${randomBytes(6).toString('hex')}`;
  const database = decodeURIComponent(new URL(serverUrl).pathname.slice(1)) || 'postgres';
  const prefix = database
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .replace(/^(?=[0-9])/, '_');
  return `${prefix.slice(0, MAX_IDENTIFIER_BYTES - suffix.length)}${suffix}`;
}

/** A fresh database on the server DATABASE_URL names (its role needs CREATEDB), so suites side by side never see each other's rows. */
export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = scratchDatabaseName(serverUrl);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
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
