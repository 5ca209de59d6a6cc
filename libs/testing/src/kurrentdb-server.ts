/**
 * Where the KurrentDB suites find a server: KURRENTDB_URL, or a container when a container runtime answers.
 * No KurrentDB server can be installed on the project's own machines, so without either the suites skip,
 * and the CI reporter allows exactly that skip (see ci-no-skips.reporter.js).
 */
export const KURRENTDB_SKIP_TITLE = 'KurrentDB ledger contract skipped: no KurrentDB server here';

/** Set by the Jest global setup: "available", or why no container runtime answered. */
const CONTAINER_RUNTIME = 'PRIVACY_LEDGER_CONTAINER_RUNTIME';

const IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';
const PORT = 2113;

/** Asks testcontainers once per run (it fails within milliseconds without a runtime); only when KURRENTDB_URL is unset. */
export async function noteContainerRuntime(): Promise<void> {
  if (process.env.KURRENTDB_URL) return;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    process.env[CONTAINER_RUNTIME] = 'available';
  } catch (error) {
    process.env[CONTAINER_RUNTIME] = (error as Error).message;
  }
}

export type KurrentDbTarget = { readonly url: string } | { readonly container: true } | { readonly skipped: string };

export function kurrentDbTarget(): KurrentDbTarget {
  const url = process.env.KURRENTDB_URL;
  if (url) return { url };
  const runtime = process.env[CONTAINER_RUNTIME] ?? 'the global setup did not look for one';
  if (runtime === 'available') return { container: true };
  return {
    skipped: `${KURRENTDB_SKIP_TITLE}: set KURRENTDB_URL=kurrentdb://host:2113?tls=false or run a Docker daemon (none here: ${runtime})`,
  };
}

export interface RunningKurrentDb {
  readonly url: string;
  stop(): Promise<void>;
}

/** A fresh, insecure, in-memory KurrentDB in a container: its $all holds only what the suite writes. */
export async function startKurrentDbContainer(): Promise<RunningKurrentDb> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_MEM_DB: 'true', KURRENTDB_RUN_PROJECTIONS: 'None' })
    .withExposedPorts(PORT)
    .withWaitStrategy(Wait.forHttp('/health/live', PORT).forStatusCode(204))
    .withStartupTimeout(120_000)
    .start();
  return {
    url: `kurrentdb://${container.getHost()}:${container.getMappedPort(PORT)}?tls=false`,
    stop: async () => void (await container.stop()),
  };
}
