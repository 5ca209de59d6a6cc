import { Controller, Get, Query, Req, Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, hashOfToken } from '@privacy-ledger/platform';
import { VerifyEmailCommand } from './verify-email.command';
import { VERIFICATION_PATH } from './verification-link';
import { VerifyEmailDto } from './verify-email.dto';

/** The link in a verification mail. Public: holding the single-use token is what proves the address works. */
@ApiTags('contacts')
@Controller()
export class EmailVerificationController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Public()
  @Get(VERIFICATION_PATH)
  async verify(@Query() query: VerifyEmailDto, @Req() request: Request) {
    const context = commandContext(request, `contact-${query.contact}`, this.clock);
    await this.commands.execute(new VerifyEmailCommand(query.account, query.contact, hashOfToken(query.token), context));
    return { status: 'verified', contactId: query.contact };
  }
}
