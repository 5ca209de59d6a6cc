import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, Public, STAFF_ROLES, STEP_UP_WINDOW_MS, type Principal } from '@privacy-ledger/auth';
import { commandContext, PLATFORM, type Platform } from '@privacy-ledger/platform';
import { SESSION_HISTORY } from './session-history.projection';
import { SessionsService } from './sessions.service';
import { StartSessionDto, StepUpDto } from './start-session.dto';

interface SessionRecord {
  sessionId: string;
  principalId: string;
  startedAt: string;
  sealed: string | null;
  [key: string]: string | null;
}

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(PLATFORM) private readonly platform: Platform,
  ) {}

  /** Login: returns a short-lived access token. */
  @Public()
  @Post('sessions')
  @HttpCode(201)
  async start(@Body() body: StartSessionDto, @Req() request: Request) {
    const { correlationId, causationId } = commandContext(request, 'anonymous');
    const client = { ipAddress: request.ip ?? 'unknown', userAgent: request.header('user-agent') ?? null };
    const accessToken = await this.sessions.start(body.username, body.password, client, { correlationId, causationId });
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
    const { correlationId, causationId } = commandContext(request, principal.id);
    return { accessToken: await this.sessions.stepUp(principal, body.password, { correlationId, causationId }), tokenType: 'Bearer', stepUpValidForSeconds: STEP_UP_WINDOW_MS / 1000 };
  }

  /** The caller's own session records (P16), decrypted on the way out. */
  @ApiBearerAuth()
  @Access({ customer: true, staff: [...STAFF_ROLES] })
  @Get('sessions/mine')
  async mine(@CurrentPrincipal() principal: Principal) {
    const records = await this.platform.readModels.list<SessionRecord>(SESSION_HISTORY, { where: { principalId: principal.id }, limit: 100 });
    return Promise.all(
      records.map(async ({ sessionId, startedAt, sealed }) => {
        const opened = sealed ? await this.platform.keyring.decrypt<{ ipAddress: string; userAgent: string | null }>(Buffer.from(sealed, 'base64')) : null;
        return { sessionId, startedAt, ...(opened?.status === 'ok' ? opened.value : { erased: true }) };
      }),
    );
  }
}
