import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsFreeText, Omittable } from '@privacy-ledger/platform';

export class PublishPolicyVersionDto {
  @ApiProperty({ example: '2026-12' })
  @Matches(/^[\w.-]{1,32}$/, { message: 'version must be 1 to 32 letters, digits, dots, dashes or underscores' })
  version: string;
  @ApiProperty({ description: 'what changes, for the notice' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsFreeText({ multiline: true })
  summary: string;
  @ApiPropertyOptional({
    description: 'when notice is given (ISO 8601, today or later); now if absent. The version takes effect 30 days later.',
  })
  @Omittable()
  @IsISO8601({ strict: true }, { message: 'noticeDate must be an ISO 8601 date, e.g. 2026-12-01' })
  noticeDate?: string;
}
