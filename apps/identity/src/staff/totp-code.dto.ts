import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** A one-time code of the staff member's authenticator app. */
export class TotpCodeDto {
  @ApiProperty({ description: 'the 6-digit code the authenticator app shows now', example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits the authenticator app shows, as a string' })
  code: string;
}
