import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsFreeText } from '@privacy-ledger/platform';

/**
 * Text a privacy officer writes and an auditor reads (a reference, a reason, a recipient): required, of a
 * bounded length, with no invisible characters that could hide or reorder what it shows.
 */
export const IsWrittenText = (maxLength: number, { multiline = false }: { multiline?: boolean } = {}) =>
  applyDecorators(
    IsString({ message: '$property must be text' }),
    IsNotEmpty({ message: '$property must not be empty' }),
    MaxLength(maxLength, { message: `$property must be at most ${maxLength} characters` }),
    IsFreeText({ multiline }),
  );
