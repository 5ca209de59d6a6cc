import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, RequiresStepUp, STAFF_ROLES, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { ConfirmTotpEnrolmentCommand } from './confirm-totp-enrolment.command';
import { StartTotpEnrolmentCommand } from './start-totp-enrolment.command';
import { TotpCodeDto } from './totp-code.dto';

/** A staff member's own second factor (TOTP, RFC 6238): set up with an authenticator app, then confirmed by its first code. */
@ApiTags('staff')
@ApiBearerAuth()
@Access({ staff: [...STAFF_ROLES] })
@Controller('staff/me/totp')
export class TotpEnrolmentController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Binding a second factor to a login asks for the password again, so a stolen token alone cannot bind one. */
  @RequiresStepUp()
  @Post()
  @HttpCode(201)
  start(@CurrentPrincipal() principal: Principal, @Req() request: Request) {
    return this.commands.execute(new StartTotpEnrolmentCommand(principal.id, commandContext(request, principal.id, this.clock)));
  }

  @Post('confirmation')
  @HttpCode(204)
  async confirm(@CurrentPrincipal() principal: Principal, @Body() body: TotpCodeDto, @Req() request: Request): Promise<void> {
    await this.commands.execute(
      new ConfirmTotpEnrolmentCommand(principal.id, body.code, commandContext(request, principal.id, this.clock)),
    );
  }
}
