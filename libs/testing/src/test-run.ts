import { readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

/** Names the run in the environment of every service process a test starts, so that the run can find what it left behind. */
const TEST_RUN_VARIABLE = 'PRIVACY_LEDGER_TEST_RUN';

/** Starts a run: its id reaches the test workers, and through them every process they start. */
export function beginTestRun(): void {
  process.env[TEST_RUN_VARIABLE] = randomUUID();
}

/**
 * Ends every process still running with this run's id: a suite whose hook timed out never stops the services it
 * started, and on a shared machine they would slow every run after it.
 */
export function endLeftoverProcesses(run = process.env[TEST_RUN_VARIABLE]): number[] {
  if (!run) return [];
  const marker = `${TEST_RUN_VARIABLE}=${run}`;
  const leftovers = readdirSync('/proc').filter(
    (pid) => /^\d+$/.test(pid) && Number(pid) !== process.pid && !isJestWorker(pid) && environmentHolds(pid, marker),
  );
  return leftovers.map(Number).filter((pid) => {
    try {
      process.kill(pid, 'SIGKILL');
      return true;
    } catch {
      return false; // ended meanwhile
    }
  });
}

/** Jest's own workers carry the run's id too, and end by themselves. */
function isJestWorker(pid: string): boolean {
  return readable(`/proc/${pid}/cmdline`).includes('jest');
}

function environmentHolds(pid: string, marker: string): boolean {
  return readable(`/proc/${pid}/environ`).split('\0').includes(marker);
}

/** A file of /proc, or nothing when the process is gone meanwhile or not ours to read. */
function readable(path: string): string {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return '';
  }
}
