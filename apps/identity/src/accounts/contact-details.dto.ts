import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsInternationalPhone, NormalisePhone } from '@privacy-ledger/platform';

export class AddressDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) street: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) city: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20) postalCode: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2, e.g. NL' }) @IsISO31661Alpha2() country: string;
}

/** The editable contact fields; which ones an account needs depends on its kind (the decider says so). */
export class ContactDetailsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @ApiPropertyOptional({ description: 'international form, e.g. +31 20 123 4567; stored normalised, +31201234567' })
  @IsOptional()
  @NormalisePhone()
  @IsInternationalPhone()
  phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) companyName?: string;
}

/** Who and where invoices go to. */
export class BillingDetailsDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ type: AddressDto }) @ValidateNested() @Type(() => AddressDto) address: AddressDto;
  @ApiPropertyOptional({ description: 'VAT identification number' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(20) vatId?: string;
}
