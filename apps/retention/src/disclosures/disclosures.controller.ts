import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, uuidParam } from '@privacy-ledger/platform';
import { DisclosurePageDto, RecordDisclosureDto } from './disclosure.dto';
import { ListDisclosuresQuery } from './list-disclosures.query';
import { RecordDisclosureCommand } from './record-disclosure.command';

/** P13: the register of disclosures to third parties, kept by the privacy officer, read by the auditor and, in part, the customer. */
@ApiTags('disclosures')
@ApiBearerAuth()
@Controller()
export class DisclosuresController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: ['privacy-officer'] })
  @Post('accounts/:accountId/disclosures')
  @HttpCode(201)
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('accountId', uuidParam('accountId')) accountId: string,
    @Body() body: RecordDisclosureDto,
    @Req() request: Request,
  ) {
    const { recipient, legalBasis, reference, dataCategories, barredFromNotice } = body;
    const disclosedAt = new Date(body.disclosedAt).toISOString();
    const disclosure = { recipient, legalBasis, reference, dataCategories, disclosedAt, barredFromNotice };
    return this.commands.execute(new RecordDisclosureCommand(accountId, disclosure, commandContext(request, principal.id, this.clock)));
  }

  /** Declared before the staff route of one account, whose `:accountId` would otherwise take `me`. */
  @Access({ customer: true })
  @Get('accounts/me/disclosures')
  listMine(@CurrentPrincipal() principal: Principal, @Query() page: DisclosurePageDto) {
    return this.queries.execute(new ListDisclosuresQuery({ audience: 'customer', accountId: principal.id }, page));
  }

  @Access({ staff: ['privacy-officer', 'auditor'] })
  @Get('accounts/:accountId/disclosures')
  listOfAccount(@Param('accountId', uuidParam('accountId')) accountId: string, @Query() page: DisclosurePageDto) {
    return this.queries.execute(new ListDisclosuresQuery({ audience: 'staff', accountId }, page));
  }

  @Access({ staff: ['privacy-officer', 'auditor'] })
  @Get('disclosures')
  listAll(@Query() page: DisclosurePageDto) {
    return this.queries.execute(new ListDisclosuresQuery({ audience: 'staff', accountId: null }, page));
  }
}
