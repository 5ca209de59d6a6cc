import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { StartupError } from '@privacy-ledger/platform';

/** Whether `path` is `directory` itself or lies beneath it, by name: `data/..sec` does, `../..sec` does not. */
export function isInside(directory: string, path: string): boolean {
  const fromDirectory = relative(directory, path);
  return fromDirectory === '' || !(fromDirectory === '..' || fromDirectory.startsWith(`..${sep}`) || isAbsolute(fromDirectory));
}

/**
 * A copy of the data must not be a copy of the keys: no secrets directory lies in the data directory, by its
 * name or through a symbolic link. Paths are compared as the file system resolves them, without creating
 * anything, so a refused start leaves nothing behind.
 */
export function refuseSecretsInside(dataDir: string, secretDirs: Readonly<Record<string, string>>): void {
  const data = realPath(dataDir);
  if (existsSync(join(data, 'secrets')))
    throw new StartupError(
      'DATA_DIR holds a secrets directory from an earlier version: delete the data directory to start afresh ' +
        '(its data cannot be read by this version)',
    );
  for (const [variable, directory] of Object.entries(secretDirs))
    if (isInside(data, realPath(directory))) throw new StartupError(`${variable} must be outside the data directory (DATA_DIR)`);
}

/** The real path of the nearest existing ancestor, with the part that does not exist yet (which no link can redirect) after it. */
function realPath(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realPath(parent), basename(path));
}
