import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, Public, type Principal } from '@privacy-ledger/auth';
import { commandContext, PLATFORM, type Platform } from '@privacy-ledger/platform';
import { SESSION_HISTORY } from './session-history.projection';
import { SessionsService } from './sessions.service';
import { StartSessionDto } from './start-session.dto';

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

  /** The caller's own session records (P16), decrypted on the way out. */
  @ApiBearerAuth()
  @Access({ customer: true, staff: ['support', 'billing', 'card-custodian', 'privacy-officer', 'auditor'] })
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
