import { Body, Controller, HttpCode, Post, Req, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { CompletePasswordResetDto, RequestPasswordResetDto } from './password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('password reset')
@Controller('password-resets')
export class PasswordResetController {
  constructor(
    private readonly resets: PasswordResetService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** P17: always 202 with the same answer, so it never tells whether a login exists. */
  @Public()
  @Post()
  @HttpCode(202)
  async request(@Body() body: RequestPasswordResetDto, @Req() request: Request) {
    await this.resets.request(body, commandContext(request, 'anonymous', this.clock));
    return { status: 'accepted', message: 'if a login matches, a message with a reset token was sent to its e-mail address on record' };
  }

  @Public()
  @Post('completion')
  @HttpCode(200)
  async complete(@Body() body: CompletePasswordResetDto, @Req() request: Request) {
    await this.resets.complete(body.token, body.password, commandContext(request, 'anonymous', this.clock));
    return { status: 'password changed', message: 'every session of this login was ended: log in with the new password' };
  }
}
