import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO31661Alpha2, IsObject, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsEmailAddress, IsFreeText, IsInternationalPhone, NormalisePhone, Omittable } from '@privacy-ledger/platform';

export class AddressDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) @IsFreeText() street: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) @IsFreeText() city: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20) @IsFreeText() postalCode: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2, e.g. NL' }) @IsISO31661Alpha2() country: string;
}

/** A postal address: an object with its four fields, each checked (an array or a string is refused by name). */
export const IsPostalAddress = () =>
  applyDecorators(
    IsObject({ message: '$property must be an object with street, city, postalCode and country' }),
    ValidateNested(),
    Type(() => AddressDto),
  );

/** The editable contact fields; which ones an account needs depends on its kind (the decider says so). */
export class ContactDetailsDto {
  @ApiPropertyOptional() @Omittable() @IsString() @IsNotEmpty() @MaxLength(200) @IsFreeText() name?: string;
  @ApiPropertyOptional() @Omittable() @IsEmailAddress() email?: string;
  @ApiPropertyOptional({ type: AddressDto }) @Omittable() @IsPostalAddress() address?: AddressDto;
  @ApiPropertyOptional({ description: 'international form, e.g. +31 20 123 4567; stored normalised, +31201234567' })
  @Omittable()
  @NormalisePhone()
  @IsInternationalPhone()
  phone?: string;
  @ApiPropertyOptional() @Omittable() @IsString() @IsNotEmpty() @MaxLength(200) @IsFreeText() companyName?: string;
}

/** Who and where invoices go to. */
export class BillingDetailsDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) @IsFreeText() name: string;
  @ApiProperty({ type: AddressDto }) @IsPostalAddress() address: AddressDto;
  @ApiPropertyOptional({ description: 'VAT identification number' })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  @IsFreeText()
  vatId?: string;
}
