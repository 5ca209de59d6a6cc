import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class StartSessionDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(64) username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256) password: string;
}

export class StepUpDto {
  @ApiProperty({ description: 'the password of the logged-in user, entered again' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}
