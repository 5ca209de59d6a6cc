/** The card brands the vault takes, each with the prefixes and lengths of its numbers. */
export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

const BRAND_RULES: readonly { brand: CardBrand; prefix: RegExp; lengths: readonly number[] }[] = [
  { brand: 'visa', prefix: /^4/, lengths: [13, 16, 19] },
  { brand: 'mastercard', prefix: /^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] },
  { brand: 'amex', prefix: /^3[47]/, lengths: [15] },
  { brand: 'discover', prefix: /^(6011|65|64[4-9])/, lengths: [16, 19] },
];

/** The brand of a number whose prefix and length fit one, else null. */
export function brandOf(number: string): CardBrand | null {
  return BRAND_RULES.find((rule) => rule.prefix.test(number) && rule.lengths.includes(number.length))?.brand ?? null;
}

/** The Luhn check digit test (ISO/IEC 7812-1). */
export function passesLuhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return number.length > 0 && sum % 10 === 0;
}

/** What is wrong with a card number (digits only), or null when it is one the vault takes. */
export function problemOfCardNumber(number: string): string | null {
  if (!/^\d{12,19}$/.test(number)) return 'number must be 12 to 19 digits';
  if (brandOf(number) === null) return `number is not a ${CARD_BRANDS.join(', ')} card of the right length`;
  if (!passesLuhn(number)) return 'number fails its check digit (Luhn)';
  return null;
}
