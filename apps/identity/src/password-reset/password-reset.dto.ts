import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress, Omittable } from '@privacy-ledger/platform';
import { MIN_PASSWORD_LENGTH } from '../passwords/password-hasher';

/** Name the login by user name or by the e-mail address on record (one of the two). */
export class RequestPasswordResetDto {
  @ApiPropertyOptional() @Omittable() @IsString() @MinLength(1) @MaxLength(64) username?: string;
  @ApiPropertyOptional()
  @Omittable()
  @IsEmailAddress()
  email?: string;
}

export class CompletePasswordResetDto {
  @ApiProperty({ description: 'the token from the message' }) @IsString() @MinLength(1) @MaxLength(200) token: string;
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must have at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(256)
  password: string;
}
