import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '@privacy-ledger/auth';
import { IsEmailAddress, IsFreeText } from '@privacy-ledger/platform';
import { MIN_PASSWORD_LENGTH } from '../passwords/password-hasher';

export class RegisterStaffMemberDto {
  @ApiProperty()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username must be 3 to 64 letters, digits, dots, dashes or underscores' })
  username: string;
  @ApiProperty()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must have at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(256)
  password: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) @IsFreeText() name: string;
  @ApiProperty() @IsEmailAddress() email: string;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(STAFF_ROLES, { each: true, message: `each role must be one of: ${STAFF_ROLES.join(', ')}` })
  roles: StaffRole[];
}
