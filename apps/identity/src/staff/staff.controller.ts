import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { RegisterStaffMemberCommand } from './register-staff-member.command';
import { RegisterStaffMemberDto } from './register-staff-member.dto';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Only a privacy officer creates staff accounts (the first one comes from `npm run staff:create`). */
  @Access({ staff: ['privacy-officer'] })
  @Post()
  @HttpCode(201)
  register(@Body() body: RegisterStaffMemberDto, @Req() request: Request, @CurrentPrincipal() principal: Principal) {
    return this.commands.execute(new RegisterStaffMemberCommand(randomUUID(), body, commandContext(request, principal.id, this.clock)));
  }
}
