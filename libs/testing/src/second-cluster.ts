import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, WORKSPACE_ROOT } from './service-process';

export interface SecondCluster {
  /** The cluster's maintenance database. */
  readonly url: string;
  remove(): void;
}

/**
 * A brand-new PostgreSQL cluster on a free port, made by the project's own stack script: its transaction
 * ids start low. `options` are server settings such as `-c wal_level=logical`.
 */
export async function startSecondCluster(options = ''): Promise<SecondCluster> {
  const stackDir = mkdtempSync(join(tmpdir(), 'second-cluster-'));
  chmodSync(stackDir, 0o755); // the server runs as the postgres user, which must reach its directory below
  const env = {
    ...process.env,
    PRIVACY_LEDGER_STACK_DIR: stackDir,
    STACK_POSTGRES_PORT: String(await freePort()),
    STACK_POSTGRES_OPTIONS: options,
    STACK_SERVICES: 'postgres', // the cluster alone: no Kafka broker or FerretDB beside it
  };
  const stack = (command: string) =>
    execFileSync('bash', [join(WORKSPACE_ROOT, 'deploy/local/stack'), command], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const exported = /DATABASE_URL=(\S+)/.exec(stack('up'))![1];
  const url = new URL(exported);
  url.pathname = '/postgres';
  return {
    url: url.toString(),
    remove() {
      stack('remove');
      rmSync(stackDir, { recursive: true, force: true });
    },
  };
}
