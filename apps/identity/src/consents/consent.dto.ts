import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class MarketingMailingsDto {
  @ApiProperty({ description: 'true to receive marketing mailings, false to opt out' })
  @IsBoolean({ message: 'optIn must be true or false' })
  optIn: boolean;
}

export class PartnerSharingDto {
  @ApiProperty({ description: 'true to allow sharing with this partner, false to withdraw it' })
  @IsBoolean({ message: 'granted must be true or false' })
  granted: boolean;
}
