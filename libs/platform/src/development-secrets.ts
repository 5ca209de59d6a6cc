import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret generated once into the secrets directory, for a first run with nothing configured. It lives
 * outside the data directory, so that a copy of the data is not a copy of the keys; every start says
 * that it is for development only.
 */
export function developmentSecret(secretsDir: string, name: string, generate: () => string, warn: (message: string) => void): string {
  const path = join(secretsDir, name);
  if (!existsSync(path)) {
    mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
    writeFileSync(path, generate(), { mode: 0o600, flag: 'wx' });
  }
  warn(`using the development secret ${path}: for development only, configure it for production`);
  return readFileSync(path, 'utf8');
}
