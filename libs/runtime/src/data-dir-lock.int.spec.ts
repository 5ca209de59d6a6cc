import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartupError } from '@privacy-ledger/platform';
import { lockDataDirectory } from './data-dir-lock';

describe('lockDataDirectory, on the file system', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'data-dir-lock-'))));

  it('refuses a data directory it cannot make by naming DATA_DIR, never its path', () => {
    symlinkSync(join(root, 'missing', 'data'), join(root, 'dangling'));
    let refusal: unknown;
    try {
      lockDataDirectory(join(root, 'dangling'));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StartupError);
    expect((refusal as Error).message).toBe('DATA_DIR cannot be made (ENOENT): check the path and its links');
  });
});
