import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WORKSPACE_ROOT } from './service-process';

/** Links between the project's documents, as a clone has them: nothing outside the repository. */
describe.each(['README.md', 'docs/architecture.md'])('the links of %s', (document) => {
  const text = readFileSync(join(WORKSPACE_ROOT, document), 'utf8');
  const targets = [...text.matchAll(/\]\(([^)]+)\)/g)].map(([, target]) => target).filter((target) => !/^[a-z]+:/.test(target));

  it('lead to files of the repository', () => {
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !existsSync(join(WORKSPACE_ROOT, dirname(document), target.split('#')[0])))).toEqual([]);
  });

  it('do not point out of the repository', () => {
    expect(text).not.toMatch(/\.\.\/shared\//);
  });
});
