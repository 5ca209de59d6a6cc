import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsEmailAddress, IsFreeText, IsInternationalPhone, NormalisePhone, Omittable } from '@privacy-ledger/platform';
import { CONTACT_ROLES, type ContactRole } from './contacts.events';

export const MAX_PHONES = 3;

/** A contact person (P4): a name and an e-mail; up to three phones and one fax, in international form. */
export class AddContactDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) @IsFreeText() name: string;
  @ApiProperty()
  @IsEmailAddress()
  email: string;
  @ApiProperty({ enum: CONTACT_ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty({ message: 'roles must name at least one role' })
  @ArrayUnique({ message: 'roles must not repeat a role' })
  @IsIn(CONTACT_ROLES, { each: true, message: `each role must be one of ${CONTACT_ROLES.join(', ')}` })
  roles: ContactRole[];
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_PHONES,
    description: 'international form, e.g. +31 20 123 4567; stored as +31201234567',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(MAX_PHONES, { message: `a contact may have at most ${MAX_PHONES} phone numbers` })
  @NormalisePhone()
  @IsInternationalPhone({
    each: true,
    message: 'each phone must be a phone number in international form, starting with + and the country code',
  })
  phones?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'one fax number, international form' })
  @Omittable()
  @ValidateIf((_, value) => value !== null)
  @NormalisePhone()
  @IsInternationalPhone({ message: 'fax must be a fax number in international form, starting with + and the country code' })
  fax?: string | null;
}

/** Any of the fields, each valid when given (null is not "not given"); only `fax: null` has a meaning: it removes the fax number. */
export class ChangeContactDto extends PartialType(AddContactDto, { skipNullProperties: false }) {}
