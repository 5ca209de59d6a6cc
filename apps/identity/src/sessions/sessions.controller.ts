import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, OpenToClosedAccount, type Principal, Public, STAFF_ROLES } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { TotpCodeDto } from '../staff/totp-code.dto';
import { ListMySessionsQuery } from './list-my-sessions.query';
import { StartSessionCommand } from './start-session.command';
import { StartSessionDto, StepUpDto } from './start-session.dto';
import { StepUpSessionCommand } from './step-up-session.command';
import { VerifySecondFactorCommand } from './verify-second-factor.command';

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Login: returns a short-lived access token. */
  @Public()
  @Post('sessions')
  @HttpCode(201)
  start(@Body() body: StartSessionDto, @Req() request: Request) {
    const client = { ipAddress: request.ip ?? 'unknown', userAgent: request.header('user-agent') ?? null };
    const context = commandContext(request, 'anonymous', this.clock);
    return this.commands.execute(new StartSessionCommand(randomUUID(), body.username, body.password, client, context));
  }

  /**
   * Step-up (P14): the password entered again returns an access token of the same session that, for five
   * minutes, opens routes for billing data and cards.
   */
  @ApiBearerAuth()
  @Access({ customer: true, staff: [...STAFF_ROLES] })
  @OpenToClosedAccount()
  @Post('sessions/step-up')
  @HttpCode(201)
  stepUp(@CurrentPrincipal() principal: Principal, @Body() body: StepUpDto, @Req() request: Request) {
    return this.commands.execute(new StepUpSessionCommand(principal, body.password, commandContext(request, principal.id, this.clock)));
  }

  /**
   * The staff second factor: a code of the authenticator app enrolled with POST /staff/me/totp returns an access
   * token of the same session carrying `mfaAt`, which opens card data to card custodians. Each code counts once.
   */
  @ApiBearerAuth()
  @Access({ staff: [...STAFF_ROLES] })
  @Post('sessions/mfa')
  @HttpCode(201)
  verifySecondFactor(@CurrentPrincipal() principal: Principal, @Body() body: TotpCodeDto, @Req() request: Request) {
    return this.commands.execute(new VerifySecondFactorCommand(principal, body.code, commandContext(request, principal.id, this.clock)));
  }

  /** The caller's own session records (P16), decrypted on the way out. */
  @ApiBearerAuth()
  @Access({ customer: true, staff: [...STAFF_ROLES] })
  @Get('sessions/mine')
  mine(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListMySessionsQuery(principal.id, principal.kind));
  }
}
