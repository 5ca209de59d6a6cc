import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { CompletePasswordResetCommand } from './complete-password-reset.command';
import { CompletePasswordResetDto, RequestPasswordResetDto } from './password-reset.dto';
import { RequestPasswordResetCommand } from './request-password-reset.command';

@ApiTags('password reset')
@Controller('password-resets')
export class PasswordResetController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** P17: always 202 with the same answer, so it never tells whether a login exists. */
  @Public()
  @Post()
  @HttpCode(202)
  async request(@Body() body: RequestPasswordResetDto, @Req() request: Request) {
    await this.commands.execute(new RequestPasswordResetCommand(body, commandContext(request, 'anonymous', this.clock)));
    return { status: 'accepted', message: 'if a login matches, a message with a reset token was sent to its e-mail address on record' };
  }

  @Public()
  @Post('completion')
  @HttpCode(200)
  async complete(@Body() body: CompletePasswordResetDto, @Req() request: Request) {
    await this.commands.execute(
      new CompletePasswordResetCommand(body.token, body.password, commandContext(request, 'anonymous', this.clock)),
    );
    return { status: 'password changed', message: 'every session of this login was ended: log in with the new password' };
  }
}
