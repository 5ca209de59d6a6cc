import { brandOf, problemOfCardNumber } from './card-number';

describe('card numbers', () => {
  it.each([
    ['4111111111111111', 'visa'],
    ['4222222222222', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
  ])('takes %s as a %s card', (number, brand) => {
    expect(problemOfCardNumber(number)).toBeNull();
    expect(brandOf(number)).toBe(brand);
  });

  it.each([
    ['4111111111111112', 'number fails its check digit (Luhn)'],
    ['411111111111111', 'number is not a visa, mastercard, amex, discover card of the right length'],
    ['9111111111111111', 'number is not a visa, mastercard, amex, discover card of the right length'],
    ['4111 1111 1111 1111', 'number must be 12 to 19 digits'],
    ['', 'number must be 12 to 19 digits'],
  ])('refuses %s: %s', (number, problem) => {
    expect(problemOfCardNumber(number)).toBe(problem);
  });
});
