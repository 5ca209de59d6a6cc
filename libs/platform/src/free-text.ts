import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Controls (NUL, escape, ...), format characters (bidirectional marks, embeddings, overrides and isolates,
 * soft hyphens, byte-order marks, tags, ...) and line or paragraph separators: invisible characters that
 * can hide or reorder what a name shows to staff and in mail, or cut a string short where it is read as C
 * text. Zero-width (non-)joiners stay: Persian, Indic scripts and emoji spell with them.
 */
const FORBIDDEN = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

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
          `${args?.property ?? 'text'} must not contain control or invisible characters, such as bidirectional overrides` +
          (multiline ? ' (line breaks are allowed)' : ''),
      },
    },
    validationOptions,
  );
