import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A secret generated once into the data directory, for a first run with nothing configured.
 * Whoever can read the data can read this key too, so every start says so.
 */
export function developmentSecret(dataDir: string, name: string, generate: () => string, warn: (message: string) => void): string {
  const path = join(dataDir, 'secrets', name);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, generate(), { mode: 0o600, flag: 'wx' });
  }
  warn(`using the development secret ${path}: for development only, configure it for production`);
  return readFileSync(path, 'utf8');
}
