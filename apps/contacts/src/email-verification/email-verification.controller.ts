import { Controller, Get, Query, Req, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, hashOfToken } from '@privacy-ledger/platform';
import { ContactsService } from '../contact-persons/contacts.service';
import { VERIFICATION_PATH } from './verification-link';
import { VerifyEmailDto } from './verify-email.dto';

/** The link in a verification mail. Public: holding the single-use token is what proves the address works. */
@ApiTags('contacts')
@Controller()
export class EmailVerificationController {
  constructor(
    private readonly contacts: ContactsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Public()
  @Get(VERIFICATION_PATH)
  async verify(@Query() query: VerifyEmailDto, @Req() request: Request) {
    await this.contacts.verify(
      query.account,
      query.contact,
      hashOfToken(query.token),
      commandContext(request, `contact-${query.contact}`, this.clock),
    );
    return { status: 'verified', contactId: query.contact };
  }
}
