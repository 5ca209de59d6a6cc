import { isInside } from './secrets-placement';

describe('isInside', () => {
  it.each([
    ['/srv/data', true],
    ['/srv/data/secrets', true],
    ['/srv/data/..sec', true],
    ['/srv/data/a/../b', true],
    ['/srv/..sec', false],
    ['/srv/data-secrets', false],
    ['/srv', false],
    ['/elsewhere/data', false],
  ])('%s inside /srv/data: %s', (path, inside) => {
    expect(isInside('/srv/data', path)).toBe(inside);
  });
});
