import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { endLeftoverProcesses } from './test-run';

describe('the processes a test run leaves behind', () => {
  it('are ended at its end, those of its own run only', async () => {
    const [ours, theirs] = [randomUUID(), randomUUID()];
    const start = (run: string) =>
      spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { env: { ...process.env, PRIVACY_LEDGER_TEST_RUN: run } });
    const [leftover, another] = [start(ours), start(theirs)];
    const exited = new Promise((resolve) => leftover.on('exit', (_code, signal) => resolve(signal)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(endLeftoverProcesses(ours)).toEqual([leftover.pid]);
    expect(await exited).toBe('SIGKILL');
    expect(another.exitCode).toBeNull();
    another.kill('SIGKILL');
  });
});
