import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Inject, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, Public, RequiresStepUp, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { AccountsService } from './accounts.service';
import { BillingDetailsDto, ContactDetailsDto } from './contact-details.dto';
import { OpenAccountDto } from './open-account.dto';

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Signup (P1): the only write open to anyone. */
  @Public()
  @Post()
  @HttpCode(201)
  async open(@Body() body: OpenAccountDto, @Req() request: Request) {
    const id = await this.accounts.open(body, (accountId) => commandContext(request, accountId, this.clock));
    return { id };
  }

  @ApiBearerAuth()
  @Access({ customer: true })
  @Get('me')
  async me(@CurrentPrincipal() principal: Principal) {
    const { revision, ...view } = await this.accounts.view(principal.id);
    return { ...view, version: revision };
  }

  /** Optional `If-Match: <version>` makes the edit fail with 409 if the account changed since it was read. */
  @ApiBearerAuth()
  @ApiHeader({ name: 'If-Match', required: false })
  @Access({ customer: true })
  @Patch('me')
  async edit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ContactDetailsDto,
    @Req() request: Request,
    @Headers('if-match') ifMatch?: string,
  ) {
    const expected = ifMatch === undefined ? undefined : Number(ifMatch.replaceAll('"', ''));
    if (expected !== undefined && !Number.isInteger(expected))
      throw new BadRequestException('If-Match must be the version number of the account');
    const { revision, ...view } = await this.accounts.change(
      principal.id,
      body,
      commandContext(request, principal.id, this.clock),
      expected,
    );
    return { ...view, version: revision };
  }

  /** P14: billing details are shown only after a recent step-up (POST /sessions/step-up). */
  @ApiBearerAuth()
  @Access({ customer: true })
  @RequiresStepUp()
  @Get('me/billing-details')
  billingDetails(@CurrentPrincipal() principal: Principal) {
    return this.accounts.billingDetails(principal.id);
  }

  /** P14: and changed only after one. */
  @ApiBearerAuth()
  @Access({ customer: true })
  @RequiresStepUp()
  @Put('me/billing-details')
  changeBillingDetails(@CurrentPrincipal() principal: Principal, @Body() body: BillingDetailsDto, @Req() request: Request) {
    return this.accounts.changeBillingDetails(principal.id, body, commandContext(request, principal.id, this.clock));
  }
}
