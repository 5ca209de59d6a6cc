// Under CI=true a skipped test fails the run: a server that did not start must not turn suites into skips.
class NoSkipsInCiReporter {
  constructor() {
    this.skipped = [];
  }

  onTestResult(_test, result) {
    for (const test of result.testResults) {
      if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo')
        this.skipped.push(`${result.testFilePath}: ${test.fullName}`);
    }
  }

  getLastError() {
    if (process.env.CI !== 'true' || this.skipped.length === 0) return undefined;
    return new Error(`CI=true and ${this.skipped.length} tests were skipped:\n  ${this.skipped.join('\n  ')}`);
  }

  onRunComplete() {
    const error = this.getLastError();
    if (error) process.stderr.write(`\n${error.message}\n`);
  }
}

module.exports = NoSkipsInCiReporter;
