import { ApiProperty } from '@nestjs/swagger';
import { Equals } from 'class-validator';

/** The privacy officer attests that the request to erase came from the customer and was verified (P11). */
export class VerifiedRequestDto {
  @ApiProperty({ description: 'must be true: the request was verified as the customer’s before erasure is started for it' })
  @Equals(true, { message: 'verifiedRequest must be true: an erasure is started only on a verified request' })
  verifiedRequest: true;
}
