import { StartupError } from '@privacy-ledger/platform';
import type { SqlDatabase } from '@privacy-ledger/sql';
import { openLedger } from './open-ledger';

const CANARY = 'Qx7canarySecret';
/** With KURRENTDB_URL set the ledger never touches the SQL database. */
const noDatabase = {} as SqlDatabase;

describe('openLedger on KurrentDB', () => {
  it.each([
    [`kurrentdb://admin:${CANARY}@127.0.0.1:1?tls=false`, /^KURRENTDB_URL: KurrentDB cannot be reached or refuses the connection \(/],
    [`kurrentdb://admin:${CANARY}@127.0.0.1:1?tls=${CANARY}`, /^KURRENTDB_URL: the KurrentDB client refuses this connection string$/],
  ])('refuses the start by the variable, never quoting it: %s', async (url, message) => {
    const refusal = await openLedger(noDatabase, url).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StartupError);
    expect((refusal as Error).message).toMatch(message);
    expect(String((refusal as Error).message) + String((refusal as Error).stack)).not.toContain(CANARY);
  });
});
