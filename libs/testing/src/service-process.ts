import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

const ANY_FREE_PORT = { IDENTITY_PORT: '0', CONTACTS_PORT: '0', PAYMENT_VAULT_PORT: '0', RETENTION_PORT: '0' };

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

/** A built service started as its own process, as `npm start` would, with its output kept for scanning. */
export class ServiceProcess {
  output = '';
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  }

  /**
   * `entry` is relative to the workspace root, e.g. deploy/embedded/dist/main.js. A service whose port `env`
   * does not name listens on one the system picks, never on a default another program may hold.
   */
  static start(entry: string, env: Record<string, string>): ServiceProcess {
    return new ServiceProcess(
      spawn(process.execPath, [resolve(WORKSPACE_ROOT, entry)], {
        cwd: WORKSPACE_ROOT,
        env: { ...inheritedEnvironment(), ...ANY_FREE_PORT, ...env },
      }),
    );
  }

  async waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`service exited with ${this.child.exitCode}:\n${this.output}`);
      const healthy = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`service at ${url} did not become healthy:\n${this.output}`);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a signal, e.g. SIGSTOP to freeze the process as a stuck host would, SIGCONT to wake it. */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves with the exit code. */
  waitForExit(): Promise<number | null> {
    return this.exited;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

/**
 * This process's environment for a program a test starts, without the stack's shared servers
 * (`READ_MODELS_URL`, `KAFKA_BROKERS`): those reach it only when the test names them, with a scratch database
 * or topic prefix of its own; inherited, they would put every suite's services in one database.
 */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  const { READ_MODELS_URL: _readModels, KAFKA_BROKERS: _brokers, ...inherited } = process.env;
  return inherited;
}
