import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Inject, Patch, Post, Put, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, Public, RequiresStepUp, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, ifMatchVersion } from '@privacy-ledger/platform';
import { ChangeAccountDetailsCommand } from './change-account-details.command';
import { ChangeBillingDetailsCommand } from './change-billing-details.command';
import { BillingDetailsDto, ContactDetailsDto } from './contact-details.dto';
import { GetAccountQuery } from './get-account.query';
import { GetBillingDetailsQuery } from './get-billing-details.query';
import { OpenAccountCommand } from './open-account.command';
import { OpenAccountDto } from './open-account.dto';

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Signup (P1): the only write open to anyone. */
  @Public()
  @Post()
  @HttpCode(201)
  open(@Body() body: OpenAccountDto, @Req() request: Request) {
    const accountId = randomUUID();
    return this.commands.execute(new OpenAccountCommand(accountId, body, commandContext(request, accountId, this.clock)));
  }

  @ApiBearerAuth()
  @Access({ customer: true })
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetAccountQuery(principal.id));
  }

  /** Optional `If-Match: <version>` makes the edit fail with 409 if the account changed since it was read. */
  @ApiBearerAuth()
  @ApiHeader({ name: 'If-Match', required: false })
  @Access({ customer: true })
  @Patch('me')
  edit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ContactDetailsDto,
    @Req() request: Request,
    @Headers('if-match') ifMatch?: string,
  ) {
    const expected = ifMatchVersion(ifMatch, 'account');
    return this.commands.execute(
      new ChangeAccountDetailsCommand(principal.id, body, commandContext(request, principal.id, this.clock), expected),
    );
  }

  /** P14: billing details are shown only after a recent step-up (POST /sessions/step-up). */
  @ApiBearerAuth()
  @Access({ customer: true })
  @RequiresStepUp()
  @Get('me/billing-details')
  billingDetails(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetBillingDetailsQuery(principal.id));
  }

  /** P14: and changed only after one. */
  @ApiBearerAuth()
  @Access({ customer: true })
  @RequiresStepUp()
  @Put('me/billing-details')
  changeBillingDetails(@CurrentPrincipal() principal: Principal, @Body() body: BillingDetailsDto, @Req() request: Request) {
    return this.commands.execute(new ChangeBillingDetailsCommand(principal.id, body, commandContext(request, principal.id, this.clock)));
  }
}
