import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, OpenToClosedAccount, RequiresStepUp, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { CloseAccountCommand } from './close-account.command';
import { ClosureDto } from './closure.dto';
import { ReactivateAccountCommand } from './reactivate-account.command';

/** P11, P12: the customer closes their own account, after a recent step-up, and may come back within the period. */
@ApiTags('closure')
@ApiBearerAuth()
@Controller('accounts/me')
export class ClosuresController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** 202: the erasure is accepted, and runs (now, or when the retention period ends) apart from this request. */
  @Access({ customer: true })
  @RequiresStepUp()
  @OpenToClosedAccount()
  @Post('closure')
  @HttpCode(202)
  close(@CurrentPrincipal() principal: Principal, @Body() body: ClosureDto, @Req() request: Request) {
    return this.commands.execute(
      new CloseAccountCommand(principal.id, body.removeNow, 'customer', commandContext(request, principal.id, this.clock)),
    );
  }

  @Access({ customer: true })
  @RequiresStepUp()
  @OpenToClosedAccount()
  @Post('reactivation')
  @HttpCode(200)
  reactivate(@CurrentPrincipal() principal: Principal, @Req() request: Request) {
    return this.commands.execute(new ReactivateAccountCommand(principal.id, commandContext(request, principal.id, this.clock)));
  }
}
