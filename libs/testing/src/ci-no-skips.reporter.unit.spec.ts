import { join } from 'node:path';
import { KURRENTDB_SKIP_TITLE } from './kurrentdb-server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const NoSkipsInCiReporter = require('../ci-no-skips.reporter.js');

const kurrentSpec = join(__dirname, '..', '..', 'ledger', 'src', 'kurrentdb', 'kurrentdb-event-store.int.spec.ts');

function errorAfter(results: { file: string; fullName: string; status?: string }[]): Error | undefined {
  const reporter = new NoSkipsInCiReporter();
  for (const { file, fullName, status = 'pending' } of results)
    reporter.onTestResult(undefined, { testFilePath: file, testResults: [{ fullName, status }] });
  return reporter.getLastError();
}

describe('the CI reporter that fails a run with skipped tests', () => {
  const ci = process.env.CI;
  beforeAll(() => (process.env.CI = 'true'));
  afterAll(() => (ci === undefined ? delete process.env.CI : (process.env.CI = ci)));

  it('allows the KurrentDB contract skip, by its title in its file, since no KurrentDB server can be installed here', () => {
    expect(errorAfter([{ file: kurrentSpec, fullName: KURRENTDB_SKIP_TITLE }])).toBeUndefined();
  });

  it('fails every other skip: another title in that file, that title in another file, any other test', () => {
    const elsewhere = join(__dirname, 'other.int.spec.ts');
    const error = errorAfter([
      { file: kurrentSpec, fullName: `KurrentDbEventStore contract ${KURRENTDB_SKIP_TITLE}` },
      { file: elsewhere, fullName: KURRENTDB_SKIP_TITLE },
      { file: elsewhere, fullName: 'some suite some test', status: 'todo' },
      { file: elsewhere, fullName: 'a passing test', status: 'passed' },
    ]);
    expect(error?.message).toMatch(/^CI=true and 3 tests were skipped/);
  });
});
