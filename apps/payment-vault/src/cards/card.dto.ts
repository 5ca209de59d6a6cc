import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { IsFreeText, Omittable } from '@privacy-ledger/platform';
import { problemOfCardNumber } from './card-number';

/** A card number, digits only, of a brand the vault takes, with a valid check digit. The message never quotes it. */
const IsCardNumber = () =>
  ValidateBy({
    name: 'isCardNumber',
    validator: {
      validate: (value) => typeof value === 'string' && problemOfCardNumber(value) === null,
      defaultMessage: (args) => (typeof args?.value === 'string' ? problemOfCardNumber(args.value)! : 'number must be a string of digits'),
    },
  });

const IsExpiryMonth = () => applyDecorators(IsInt({ message: 'expiryMonth must be a whole number' }), Min(1), Max(12));
const IsExpiryYear = () => applyDecorators(IsInt({ message: 'expiryYear must be a whole number' }), Min(2000), Max(2099));

/** A card to store (P7): the number as digits only, its expiry and its holder's name. */
export class AddCardDto {
  @ApiProperty({ description: 'digits only, 12 to 19 of them' }) @IsCardNumber() number: string;
  @ApiProperty({ minimum: 1, maximum: 12 }) @IsExpiryMonth() expiryMonth: number;
  @ApiProperty({ minimum: 2000, maximum: 2099 }) @IsExpiryYear() expiryYear: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) @IsFreeText() holderName: string;
}

/** A new number or expiry for a card (P8); each field valid when given. */
export class ChangeCardDto {
  @ApiPropertyOptional({ description: 'digits only' }) @Omittable() @IsCardNumber() number?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 12 }) @Omittable() @IsExpiryMonth() expiryMonth?: number;
  @ApiPropertyOptional({ minimum: 2000, maximum: 2099 }) @Omittable() @IsExpiryYear() expiryYear?: number;
}
