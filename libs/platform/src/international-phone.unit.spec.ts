import { toInternationalPhone } from './international-phone';

describe('toInternationalPhone', () => {
  it.each([
    ['+31 20 123 4567', '+31201234567'],
    ['+1 (202) 555-0143', '+12025550143'],
    [' +44 20 7946 0958 ', '+442079460958'],
  ])('normalises %s to %s', (written, normalised) => {
    expect(toInternationalPhone(written)).toBe(normalised);
  });

  it.each([['020 123 4567'], ['+31 6 12'], ['+999 123'], ['call me'], [''], [42], [null]])('refuses %p', (value) => {
    expect(toInternationalPhone(value)).toBeNull();
  });
});
