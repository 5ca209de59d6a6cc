import { scratchDatabaseName } from './test-databases';

describe('scratchDatabaseName', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:5432/privacy_ledger', /^privacy_ledger_test_[0-9a-f]{12}$/],
    ['postgres://postgres@127.0.0.1:5432/My-Ledger%20DB', /^my_ledger_db_test_[0-9a-f]{12}$/],
    ['postgres://postgres@127.0.0.1:5432/9lives', /^_9lives_test_[0-9a-f]{12}$/],
    ['postgres://postgres@127.0.0.1:5432', /^postgres_test_[0-9a-f]{12}$/],
    [`postgres://postgres@127.0.0.1:5432/${'x'.repeat(70)}`, /^x{45}_test_[0-9a-f]{12}$/],
  ])('names a scratch database on %s after its database, as a valid identifier of at most 63 bytes', (url, name) => {
    const scratch = scratchDatabaseName(url);
    expect(scratch).toMatch(name);
    expect(Buffer.byteLength(scratch)).toBeLessThanOrEqual(63);
    expect(scratchDatabaseName(url)).not.toBe(scratch);
  });
});
