import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file below `dir` that holds any of the canaries, as UTF-8 or UTF-16, with which canary. A file that goes
 * while the walk runs (a broker deleting another run's topic) is passed over: it holds nothing any more.
 */
export function findCanariesInFiles(dir: string, canaries: readonly string[]): string[] {
  const hits: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      try {
        if (statSync(full).isDirectory()) walk(full);
        else hits.push(...findCanariesInText(readFileSync(full), canaries).map((canary) => `${full}: ${canary}`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  };
  walk(dir);
  return hits;
}

export function findCanariesInText(content: Buffer | string, canaries: readonly string[]): string[] {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return canaries.filter((canary) => bytes.includes(Buffer.from(canary, 'utf8')) || bytes.includes(Buffer.from(canary, 'utf16le')));
}
