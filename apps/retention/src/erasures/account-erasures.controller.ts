import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, RequiresStepUp, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, uuidParam } from '@privacy-ledger/platform';
import { CloseAccountCommand } from '../closures/close-account.command';
import { ListAccountErasuresQuery } from './list-account-erasures.query';
import { VerifiedRequestDto } from './verified-request.dto';

/** The privacy officer's side of erasures: one started on a verified request (P11), and an account's erasures for the auditor too. */
@ApiTags('erasures')
@ApiBearerAuth()
@Controller('accounts')
export class AccountErasuresController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** 202: the account is closed for removal now, as if its customer had asked, and its erasure runs apart from this request. */
  @Access({ staff: ['privacy-officer'] })
  @RequiresStepUp()
  @Post(':accountId/erasure')
  @HttpCode(202)
  start(
    @Param('accountId', uuidParam('accountId')) accountId: string,
    @Body() _verified: VerifiedRequestDto,
    @CurrentPrincipal() officer: Principal,
    @Req() request: Request,
  ) {
    return this.commands.execute(
      new CloseAccountCommand(accountId, true, 'privacy-officer', commandContext(request, officer.id, this.clock)),
    );
  }

  @Access({ staff: ['privacy-officer', 'auditor'] })
  @Get(':accountId/erasures')
  list(@Param('accountId', uuidParam('accountId')) accountId: string) {
    return this.queries.execute(new ListAccountErasuresQuery(accountId));
  }
}
