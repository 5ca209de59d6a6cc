import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
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

/** Symbolic links followed in one path before it counts as a loop, as the kernel's own limit. */
const MAX_LINKS = 40;

/**
 * Where `path` leads once created: the real path of its nearest existing ancestor, then the rest. A link
 * that leads nowhere yet (a dangling link) is followed too, since creating the directory would follow it.
 */
function realPath(path: string, links = 0): string {
  if (existsSync(path)) return realpathSync(path);
  if (isLink(path)) {
    if (links >= MAX_LINKS) throw new StartupError('a secrets or data directory is reached through a loop of symbolic links');
    return realPath(resolve(dirname(path), readlinkSync(path)), links + 1);
  }
  const parent = dirname(path);
  return parent === path ? path : join(realPath(parent, links), basename(path));
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
