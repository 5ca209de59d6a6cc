import { BadRequestException, Body, Controller, Get, Param, Put, Req, Inject } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, uuidParam } from '@privacy-ledger/platform';
import { MarketingMailingsDto, PartnerSharingDto } from './consent.dto';
import { GetConsentsQuery } from './get-consents.query';
import { SetConsentCommand } from './set-consent.command';

const PARTNER_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

@ApiTags('consents')
@ApiBearerAuth()
@Controller('accounts')
export class ConsentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ customer: true })
  @Get('me/consents')
  mine(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetConsentsQuery(principal.id));
  }

  /** P15: opt out of marketing mailings, or back in. */
  @Access({ customer: true })
  @Put('me/consents/marketing-mailings')
  mailings(@CurrentPrincipal() principal: Principal, @Body() body: MarketingMailingsDto, @Req() request: Request) {
    return this.commands.execute(
      new SetConsentCommand(principal.id, 'marketing-mailings', body.optIn, commandContext(request, principal.id, this.clock)),
    );
  }

  /** P13: grant or withdraw sharing with one named partner. */
  @Access({ customer: true })
  @Put('me/consents/partners/:partner')
  sharing(
    @CurrentPrincipal() principal: Principal,
    @Param('partner') partner: string,
    @Body() body: PartnerSharingDto,
    @Req() request: Request,
  ) {
    if (!PARTNER_ID.test(partner)) throw new BadRequestException('partner must be 2 to 40 lower-case letters, digits or dashes');
    return this.commands.execute(
      new SetConsentCommand(principal.id, `sharing:${partner}`, body.granted, commandContext(request, principal.id, this.clock)),
    );
  }

  /** Staff who must honour the choices: support answers customers, the privacy officer answers for disclosures. */
  @Access({ staff: ['support', 'privacy-officer'] })
  @Get(':accountId/consents')
  forStaff(
    @Param('accountId', uuidParam('accountId'))
    accountId: string,
  ) {
    return this.queries.execute(new GetConsentsQuery(accountId));
  }
}
