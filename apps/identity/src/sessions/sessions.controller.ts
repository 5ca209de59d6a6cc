import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, Public, STAFF_ROLES, STEP_UP_WINDOW_MS, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { commandContext } from '@privacy-ledger/platform';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { SESSION_HISTORY, type SessionRecord } from './session-history.projection';
import { SessionsService } from './sessions.service';
import { StartSessionDto, StepUpDto } from './start-session.dto';

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Login: returns a short-lived access token. */
  @Public()
  @Post('sessions')
  @HttpCode(201)
  async start(@Body() body: StartSessionDto, @Req() request: Request) {
    const client = { ipAddress: request.ip ?? 'unknown', userAgent: request.header('user-agent') ?? null };
    const accessToken = await this.sessions.start(body.username, body.password, client, commandContext(request, 'anonymous', this.clock));
    return { accessToken, tokenType: 'Bearer' };
  }

  /**
   * Step-up (P14): the password entered again returns an access token of the same session that, for five
   * minutes, opens routes for billing data and cards.
   */
  @ApiBearerAuth()
  @Access({ customer: true, staff: [...STAFF_ROLES] })
  @Post('sessions/step-up')
  @HttpCode(201)
  async stepUp(@CurrentPrincipal() principal: Principal, @Body() body: StepUpDto, @Req() request: Request) {
    const accessToken = await this.sessions.stepUp(principal, body.password, commandContext(request, principal.id, this.clock));
    return { accessToken, tokenType: 'Bearer', stepUpValidForSeconds: STEP_UP_WINDOW_MS / 1000 };
  }

  /** The caller's own session records (P16), decrypted on the way out. */
  @ApiBearerAuth()
  @Access({ customer: true, staff: [...STAFF_ROLES] })
  @Get('sessions/mine')
  async mine(@CurrentPrincipal() principal: Principal) {
    const records = await this.readModels.list<SessionRecord>(SESSION_HISTORY, { where: { principalId: principal.id }, limit: 100 });
    const opened = await this.keyring.decryptMany<{ ipAddress: string; userAgent: string | null }>(
      records.flatMap(({ sealed }) => (sealed ? [Buffer.from(sealed, 'base64')] : [])),
    );
    let next = 0;
    return records.map(({ sessionId, startedAt, sealed }) => {
      const client = sealed ? opened[next++] : null;
      return { sessionId, startedAt, ...(client?.status === 'ok' ? client.value : { erased: true }) };
    });
  }
}
