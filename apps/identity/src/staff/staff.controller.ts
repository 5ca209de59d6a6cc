import { Body, Controller, HttpCode, Post, Req, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { RegisterStaffMemberDto } from './register-staff-member.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Only a privacy officer creates staff accounts (the first one comes from `npm run staff:create`). */
  @Access({ staff: ['privacy-officer'] })
  @Post()
  @HttpCode(201)
  async register(@Body() body: RegisterStaffMemberDto, @Req() request: Request, @CurrentPrincipal() principal: Principal) {
    return { id: await this.staff.register(body, commandContext(request, principal.id, this.clock)) };
  }
}
