import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

/** The query of a verification link, as the mail put it. */
export class VerifyEmailDto {
  @ApiProperty() @IsUUID('4', { message: 'account must be an account id' }) account: string;
  @ApiProperty() @IsUUID('4', { message: 'contact must be a contact id' }) contact: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) token: string;
}
