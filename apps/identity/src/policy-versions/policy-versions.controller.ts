import { Body, Controller, Get, HttpCode, Post, Req, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, Public, STAFF_ROLES, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext } from '@privacy-ledger/platform';
import { PolicyVersionsService } from './policy-versions.service';
import { PublishPolicyVersionDto } from './publish-policy-version.dto';

@ApiTags('policy')
@Controller()
export class PolicyVersionsController {
  constructor(
    private readonly policies: PolicyVersionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** P18: a new version takes effect 30 days after its notice date. */
  @ApiBearerAuth()
  @Access({ staff: ['privacy-officer'] })
  @Post('policy-versions')
  @HttpCode(201)
  publish(@Body() body: PublishPolicyVersionDto, @CurrentPrincipal() principal: Principal, @Req() request: Request) {
    return this.policies.publish(body, commandContext(request, principal.id, this.clock));
  }

  /** Every published version with its notice and effective dates: the policy's own history is public. */
  @Public()
  @Get('policy-versions')
  all() {
    return this.policies.all();
  }

  /** Which version applies to the caller today, and which is coming. */
  @ApiBearerAuth()
  @Access({ customer: true, staff: [...STAFF_ROLES] })
  @Get('accounts/me/policy')
  mine() {
    return this.policies.at(this.clock.now().toISOString());
  }
}
