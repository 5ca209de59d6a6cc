import { Client } from 'pg';
import { holdDefaultPorts } from './default-ports';
import { noteContainerRuntime } from './kurrentdb-server';
import { serverDatabaseUrl } from './test-databases';
import { beginTestRun } from './test-run';

declare global {
  // Read by the global teardown, which Jest runs in this same context.
  var releaseDefaultPorts: (() => Promise<void>) | undefined;
}

/**
 * Holds the services' default ports for the run (see `holdDefaultPorts`), and fails the whole run at once when
 * a configured server is unreachable, instead of failing every suite slowly.
 */
export default async function globalSetup(): Promise<void> {
  beginTestRun();
  globalThis.releaseDefaultPorts = await holdDefaultPorts();
  await noteContainerRuntime();
  const url = serverDatabaseUrl();
  if (!url) {
    console.log('\nDATABASE_URL is not set: PostgreSQL server suites are skipped, PGlite suites run.');
    return;
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`DATABASE_URL is set but the server does not answer: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
