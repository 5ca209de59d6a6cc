import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, Public, STAFF_ROLES, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { GetPolicyInForceQuery } from './get-policy-in-force.query';
import { ListPolicyVersionsQuery } from './list-policy-versions.query';
import { PublishPolicyVersionCommand } from './publish-policy-version.command';
import { PublishPolicyVersionDto } from './publish-policy-version.dto';

@ApiTags('policy')
@Controller()
export class PolicyVersionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** P18: a new version takes effect 30 days after its notice date. */
  @ApiBearerAuth()
  @Access({ staff: ['privacy-officer'] })
  @Post('policy-versions')
  @HttpCode(201)
  publish(@Body() body: PublishPolicyVersionDto, @CurrentPrincipal() principal: Principal, @Req() request: Request) {
    const noticeAt = body.noticeDate ? new Date(body.noticeDate).toISOString() : undefined;
    return this.commands.execute(
      new PublishPolicyVersionCommand(body.version, body.summary, noticeAt, commandContext(request, principal.id, this.clock)),
    );
  }

  /** Every published version with its notice and effective dates: the policy's own history is public. */
  @Public()
  @Get('policy-versions')
  all() {
    return this.queries.execute(new ListPolicyVersionsQuery());
  }

  /** Which version applies to the caller today, and which is coming. */
  @ApiBearerAuth()
  @Access({ customer: true, staff: [...STAFF_ROLES] })
  @Get('accounts/me/policy')
  mine() {
    return this.queries.execute(new GetPolicyInForceQuery(this.clock.now().toISOString()));
  }
}
