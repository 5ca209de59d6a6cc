import type { LedgerWithin } from '@privacy-ledger/keyring';
import { KurrentDbEventStore, PostgresEventStore, type EventStore } from '@privacy-ledger/ledger';
import { describeFault, StartupError } from '@privacy-ledger/platform';
import type { SqlDatabase } from '@privacy-ledger/sql';

/** The ledger this process writes to, with what the rest of the composition needs of it. */
export interface OpenedLedger {
  readonly events: EventStore;
  /** How unique claims append beside their SQL transaction. */
  readonly claimsLedger: LedgerWithin;
  /** Throws when the ledger does not answer (for /health). */
  checkHealth(): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL, in the database beside everything else; or KurrentDB when KURRENTDB_URL names one. */
export async function openLedger(db: SqlDatabase, kurrentDbUrl: string | undefined): Promise<OpenedLedger> {
  if (!kurrentDbUrl) {
    const events = await PostgresEventStore.create(db);
    // The ledger is the database: the database's own check covers it.
    return { events, claimsLedger: events, checkHealth: async () => undefined, close: async () => undefined };
  }
  const events = connectKurrentDb(kurrentDbUrl);
  await events.headPosition().catch(async (error: unknown) => {
    await events.close();
    const { error: name, code } = describeFault(error);
    throw new StartupError(`KURRENTDB_URL: KurrentDB cannot be reached or refuses the connection (${code ?? name})`);
  });
  return {
    events,
    // KurrentDB cannot join a PostgreSQL transaction. The claims' transaction stays open across the append and
    // commits after it, so a refused append leaves no claim; only a commit failing after the append went
    // through would leave the events without their claims.
    claimsLedger: { within: () => events },
    checkHealth: async () => void (await events.headPosition()),
    close: () => events.close(),
  };
}

function connectKurrentDb(url: string): KurrentDbEventStore {
  try {
    return KurrentDbEventStore.connect(url);
  } catch {
    // The client's message may quote the connection string, credentials included.
    throw new StartupError('KURRENTDB_URL: the KurrentDB client refuses this connection string');
  }
}
