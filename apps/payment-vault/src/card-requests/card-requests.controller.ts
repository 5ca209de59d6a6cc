import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, uuidParam } from '@privacy-ledger/platform';
import { CardRequestDto, StaffCardRequestDto } from './card-request.dto';
import type { RequestChannel } from './card-requests.events';
import { ListCardRequestsQuery } from './list-card-requests.query';
import { OpenCardRequestCommand } from './open-card-request.command';
import { WithdrawCardRequestCommand } from './withdraw-card-request.command';

/** P9: what a customer asks to be done with a card; staff may act on a card only by naming one of these. */
@ApiTags('card requests')
@ApiBearerAuth()
@Controller('accounts')
export class CardRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ customer: true })
  @Post('me/card-requests')
  @HttpCode(201)
  open(@CurrentPrincipal() principal: Principal, @Body() body: CardRequestDto, @Req() request: Request) {
    return this.openFor(principal.id, body, 'self-service', principal, request);
  }

  @Access({ customer: true })
  @Get('me/card-requests')
  list(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListCardRequestsQuery(principal.id));
  }

  @Access({ customer: true })
  @Delete('me/card-requests/:requestId')
  @HttpCode(204)
  async withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('requestId', uuidParam('requestId')) id: string,
    @Req() request: Request,
  ) {
    await this.commands.execute(new WithdrawCardRequestCommand(principal.id, id, commandContext(request, principal.id, this.clock)));
  }

  /** Support records a request the customer made by phone, e-mail, letter or in person. */
  @Access({ staff: ['support'] })
  @Post(':accountId/card-requests')
  @HttpCode(201)
  record(
    @CurrentPrincipal() principal: Principal,
    @Param('accountId', uuidParam('accountId')) accountId: string,
    @Body() body: StaffCardRequestDto,
    @Req() request: Request,
  ) {
    const { channel, ...asked } = body;
    return this.openFor(accountId, asked, channel, principal, request);
  }

  @Access({ staff: ['support', 'card-custodian', 'auditor'] })
  @Get(':accountId/card-requests')
  listForStaff(@Param('accountId', uuidParam('accountId')) accountId: string) {
    return this.queries.execute(new ListCardRequestsQuery(accountId));
  }

  private openFor(accountId: string, body: CardRequestDto, channel: RequestChannel, principal: Principal, request: Request) {
    const asked = { kind: body.kind, cardId: body.cardId ?? null, amount: body.amount ? { ...body.amount } : null, channel };
    return this.commands.execute(
      new OpenCardRequestCommand(accountId, randomUUID(), asked, commandContext(request, principal.id, this.clock)),
    );
  }
}
