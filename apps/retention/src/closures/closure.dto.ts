import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** How the customer closes the account: removal of everything now, or cancellation with the retention period first. */
export class ClosureDto {
  @ApiProperty({ description: 'true: remove everything now; false: cancel, and erase after the retention period unless reactivated' })
  @IsBoolean({ message: 'removeNow must be true or false' })
  removeNow: boolean;
}
