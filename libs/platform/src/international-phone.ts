import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** A phone or fax number in its normalised international form (E.164, e.g. +31201234567), or null if it is not one. */
export function toInternationalPhone(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim().startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(value.trim());
  return parsed?.isValid() ? parsed.number : null;
}

/** Accepts a number written internationally (+ and the country code, spaces and dashes allowed). */
export const IsInternationalPhone = (validationOptions?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInternationalPhone',
      validator: {
        validate: (value) => toInternationalPhone(value) !== null,
        defaultMessage: (args) =>
          `${args?.property ?? 'phone'} must be a phone number in international form, starting with + and the country code`,
      },
    },
    validationOptions,
  );

/** Stores what IsInternationalPhone accepted in its normalised form; anything else is left for the validator to name. */
export const NormalisePhone = () =>
  Transform(({ value }) => {
    const normalise = (item: unknown) => toInternationalPhone(item) ?? item;
    return Array.isArray(value) ? value.map(normalise) : normalise(value);
  });
