import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * C0 and C1 controls (NUL, escape, ...) and the bidirectional embeddings, overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069): invisible characters that can hide or reorder what a name shows to
 * staff and in mail, or cut a string short where it is read as C text.
 */
const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/**
 * Text a person typed and others will read (names, addresses, summaries): no control characters or
 * bidirectional overrides. `multiline` allows line breaks (\n), for text written in paragraphs.
 * Values that are not strings are left to the field's other validators.
 */
export const IsFreeText = ({ multiline = false }: { multiline?: boolean } = {}, validationOptions?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isFreeText',
      validator: {
        validate: (value) => typeof value !== 'string' || !FORBIDDEN.test(multiline ? value.replaceAll('\n', '') : value),
        defaultMessage: (args) =>
          `${args?.property ?? 'text'} must not contain control characters or bidirectional overrides` +
          (multiline ? ' (line breaks are allowed)' : ''),
      },
    },
    validationOptions,
  );
