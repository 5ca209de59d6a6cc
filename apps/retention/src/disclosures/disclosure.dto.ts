import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, isISO8601, ValidateBy } from 'class-validator';
import { Omittable } from '@privacy-ledger/platform';
import { IsWrittenText } from '../written-text';
import { DATA_CATEGORIES, LEGAL_BASES, type DataCategory, type LegalBasis } from './disclosures.events';

/** A calendar date, or a date and time with its offset: what `Date` reads as one instant (a week or ordinal date is not). */
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const IsDateOrInstant = () =>
  ValidateBy({
    name: 'isDateOrInstant',
    validator: {
      validate: (value) => typeof value === 'string' && DATE_OR_INSTANT.test(value) && isISO8601(value, { strict: true }),
      defaultMessage: (args) =>
        `${args?.property} must be an ISO 8601 date, e.g. 2026-11-20, or a date and time with its offset, e.g. 2026-11-20T14:30:00Z`,
    },
  });

const IsWholeNumberIn = (min: number, max: number) =>
  ValidateBy({
    name: 'isWholeNumberIn',
    validator: {
      validate: (value) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
      defaultMessage: (args) => `${args?.property} must be a whole number from ${min} to ${max}`,
    },
  });

/** A disclosure to a third party (P13), as the privacy officer records it: who received what, when, and on what ground. */
export class RecordDisclosureDto {
  @ApiProperty({ description: 'who received the data: an authority, a court, a partner', maxLength: 200 })
  @IsWrittenText(200)
  recipient: string;
  @ApiProperty({ enum: LEGAL_BASES })
  @IsIn(LEGAL_BASES, { message: `legalBasis must be one of ${LEGAL_BASES.join(', ')}` })
  legalBasis: LegalBasis;
  @ApiProperty({ description: 'the order, warrant, request or consent the disclosure rests on', maxLength: 200 })
  @IsWrittenText(200)
  reference: string;
  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  @IsArray({ message: 'dataCategories must be a list of categories' })
  @ArrayNotEmpty({ message: 'dataCategories must name at least one category of data' })
  @ArrayUnique({ message: 'dataCategories must not repeat a category' })
  @IsIn(DATA_CATEGORIES, { each: true, message: `each of dataCategories must be one of ${DATA_CATEGORIES.join(', ')}` })
  dataCategories: DataCategory[];
  @ApiProperty({ description: 'when the data was handed over: a date or a date and time with its offset; not in the future' })
  @IsDateOrInstant()
  disclosedAt: string;
  @ApiProperty({ description: 'legal process forbids telling the customer: the disclosure is never shown to them' })
  @IsBoolean({ message: 'barredFromNotice must be true or false' })
  barredFromNotice: boolean;
}

/** One page of a register, newest disclosure first. */
export class DisclosurePageDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @Omittable()
  @Type(() => Number)
  @IsWholeNumberIn(1, 100)
  limit: number = 50;
  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, default: 0 })
  @Omittable()
  @Type(() => Number)
  @IsWholeNumberIn(0, 1_000_000)
  offset: number = 0;
}
