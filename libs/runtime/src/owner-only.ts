import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes every directory at or below `root` 0700 and every file 0600. PGlite writes its files 0666 whatever the
 * umask says; the data directory's own 0700 keeps others out meanwhile, and this puts each file right at
 * every start and stop. Links are left alone: they are not ours to change.
 */
export function restrictToOwner(root: string): void {
  const stat = lstatSync(root);
  if (stat.isSymbolicLink()) return;
  chmodSync(root, stat.isDirectory() ? 0o700 : 0o600);
  if (stat.isDirectory()) for (const entry of readdirSync(root)) restrictToOwner(join(root, entry));
}
