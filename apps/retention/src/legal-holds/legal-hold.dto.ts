import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsWrittenText } from '../written-text';
import { HOLD_KINDS, type HoldKind } from './legal-holds.events';

/** Why an account's data is kept past its closure (P12): the kind in clear, the reference and reason sealed. */
export class PlaceLegalHoldDto {
  @ApiProperty({ enum: HOLD_KINDS })
  @IsIn(HOLD_KINDS, { message: `kind must be one of ${HOLD_KINDS.join(', ')}` })
  kind: HoldKind;
  @ApiProperty({ description: 'the case, order or file number the hold rests on', maxLength: 200 })
  @IsWrittenText(200)
  reference: string;
  @ApiProperty({ description: 'why the data must be kept', maxLength: 2000 })
  @IsWrittenText(2000, { multiline: true })
  reason: string;
}

/** Why the hold no longer stands. */
export class LiftLegalHoldDto {
  @ApiProperty({ description: 'why the data need no longer be kept', maxLength: 2000 })
  @IsWrittenText(2000, { multiline: true })
  reason: string;
}
