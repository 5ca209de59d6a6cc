import { chmodSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '@privacy-ledger/platform';

export class DataDirectoryLockedError extends StartupError {
  override readonly name = 'DataDirectoryLockedError';
  constructor(pid: number) {
    super(
      `the data directory (DATA_DIR) is in use by process ${pid}. Embedded PostgreSQL (PGlite) cannot be shared between ` +
        `processes: stop that process first, or set DATA_DIR to another directory, or DATABASE_URL to use a PostgreSQL server.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does not protect its files from a second process (the writes of one are silently lost), so
 * embedded mode holds this lock for as long as it runs. A lock left by a dead process is taken over.
 */
export function lockDataDirectory(dataDir: string): () => void {
  // Only this process's user may read the data: its events are sealed, but their metadata is not.
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StartupError(`DATA_DIR cannot be made (${(error as NodeJS.ErrnoException).code ?? 'no code'}): check the path and its links`);
  }
  chmodSync(dataDir, 0o700);
  const path = join(dataDir, 'embedded.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) throw new DataDirectoryLockedError(holder);
      unlinkSync(path);
    }
  }
  throw new StartupError('could not lock the data directory (DATA_DIR)');
}
