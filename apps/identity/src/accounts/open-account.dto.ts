import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../passwords/password-hasher';
import type { AccountKind } from './account.events';
import { IsEmailAddress, IsFreeText, IsInternationalPhone, NormalisePhone } from '@privacy-ledger/platform';
import { AddressDto, IsPostalAddress } from './contact-details.dto';
import { CheckedForItsKind, FitsAccountKind } from './fits-account-kind.validator';

/** Signup (P1). Which of address, phone and companyName are required depends on `kind`; every problem is named at once. */
export class OpenAccountDto {
  @ApiProperty({ enum: ['individual', 'company'] })
  @IsIn(['individual', 'company'], { message: 'kind must be individual or company' })
  @FitsAccountKind()
  kind: AccountKind;
  @ApiProperty({ description: '3 to 64 letters, digits, dots, dashes or underscores' })
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username must be 3 to 64 letters, digits, dots, dashes or underscores' })
  username: string;
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must have at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(256)
  password: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) @IsFreeText() name: string;
  @ApiProperty() @IsEmailAddress() email: string;
  @ApiPropertyOptional({ type: AddressDto, description: 'required for an individual' })
  @CheckedForItsKind('address')
  @IsPostalAddress()
  address?: AddressDto;
  @ApiPropertyOptional({
    description: 'required for an individual; international form, e.g. +31 20 123 4567; stored normalised, +31201234567',
  })
  @CheckedForItsKind('phone')
  @NormalisePhone()
  @IsInternationalPhone()
  phone?: string;
  @ApiPropertyOptional({ description: 'required for a company' })
  @CheckedForItsKind('companyName')
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsFreeText()
  companyName?: string;
}
