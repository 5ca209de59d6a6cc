import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Omittable } from '@privacy-ledger/platform';
import { REQUEST_KINDS, STAFF_CHANNELS, type RequestKind } from './card-requests.events';

const CURRENCIES = Intl.supportedValuesOf('currency');

/** An amount in integer minor units (cents) of an ISO 4217 currency. */
export class AmountDto {
  @ApiProperty({ description: 'integer minor units, e.g. 1250 for 12.50' })
  @IsInt({ message: 'minorUnits must be a whole number of minor units' })
  @Min(1)
  @Max(1_000_000_000)
  minorUnits: number;
  @ApiProperty({ description: 'ISO 4217 code, e.g. EUR' })
  @IsIn(CURRENCIES, { message: 'currency must be an ISO 4217 currency code, e.g. EUR' })
  currency: string;
}

/** A customer's request about a card (P9): its kind, the card (except to add one), and the amount of a charge. */
export class CardRequestDto {
  @ApiProperty({ enum: REQUEST_KINDS })
  @IsIn(REQUEST_KINDS, { message: `kind must be one of ${REQUEST_KINDS.join(', ')}` })
  kind: RequestKind;
  @ApiPropertyOptional({ description: 'the card, for edit, delete and charge' })
  @Omittable()
  @IsUUID('4', { message: 'cardId must be an id (a UUID)' })
  cardId?: string;
  @ApiPropertyOptional({ type: AmountDto, description: 'for a charge' })
  @Omittable()
  @IsObject({ message: 'amount must be an object with minorUnits and currency' })
  @ValidateNested()
  @Type(() => AmountDto)
  amount?: AmountDto;
}

/** The same request, recorded by staff with the channel the customer used. */
export class StaffCardRequestDto extends CardRequestDto {
  @ApiProperty({ enum: STAFF_CHANNELS })
  @IsIn(STAFF_CHANNELS, { message: `channel must be one of ${STAFF_CHANNELS.join(', ')}` })
  channel: (typeof STAFF_CHANNELS)[number];
}

/** The customer's request a card custodian carries out: an open one of this kind for the card. */
export const NamesRequest = (kind: RequestKind) =>
  applyDecorators(
    ApiProperty({ description: `the open request of kind ${kind} for this card`, format: 'uuid' }),
    IsUUID('all', { message: 'requestId must be a UUID' }),
  );
