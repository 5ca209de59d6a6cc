import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, uuidParam } from '@privacy-ledger/platform';
import { LiftLegalHoldDto, PlaceLegalHoldDto } from './legal-hold.dto';
import { LiftLegalHoldCommand } from './lift-legal-hold.command';
import { ListLegalHoldsQuery } from './list-legal-holds.query';
import { PlaceLegalHoldCommand } from './place-legal-hold.command';

/** P12: the privacy officer keeps an account's data past its closure while the law, a court or an irregularity requires it. */
@ApiTags('legal holds')
@ApiBearerAuth()
@Controller('accounts')
export class LegalHoldsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: ['privacy-officer'] })
  @Post(':accountId/legal-holds')
  @HttpCode(201)
  place(
    @CurrentPrincipal() principal: Principal,
    @Param('accountId', uuidParam('accountId')) accountId: string,
    @Body() body: PlaceLegalHoldDto,
    @Req() request: Request,
  ) {
    const { kind, reference, reason } = body;
    return this.commands.execute(
      new PlaceLegalHoldCommand(accountId, { kind, reference, reason }, commandContext(request, principal.id, this.clock)),
    );
  }

  @Access({ staff: ['privacy-officer'] })
  @Post(':accountId/legal-holds/:holdId/lifting')
  @HttpCode(200)
  lift(
    @CurrentPrincipal() principal: Principal,
    @Param('accountId', uuidParam('accountId')) accountId: string,
    @Param('holdId', uuidParam('holdId')) holdId: string,
    @Body() body: LiftLegalHoldDto,
    @Req() request: Request,
  ) {
    return this.commands.execute(
      new LiftLegalHoldCommand(accountId, holdId, body.reason, commandContext(request, principal.id, this.clock)),
    );
  }

  @Access({ staff: ['privacy-officer', 'auditor'] })
  @Get(':accountId/legal-holds')
  list(@Param('accountId', uuidParam('accountId')) accountId: string) {
    return this.queries.execute(new ListLegalHoldsQuery(accountId));
  }
}
