import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Everything at or below `root` that someone other than its owner could read: not a 0700 directory or a 0600 file, with its mode. */
export function readableByOthers(root: string): string[] {
  const loose: string[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    const mode = stat.mode & 0o777;
    if (mode !== (stat.isDirectory() ? 0o700 : 0o600)) loose.push(`${path}: ${mode.toString(8)}`);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(root);
  return loose;
}
