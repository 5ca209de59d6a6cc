import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, OpenToClosedAccount, RequiresStepUp, type Principal } from '@privacy-ledger/auth';
import { uuidParam } from '../uuid-param';
import { GetPersonalDataQuery } from './get-personal-data.query';

/**
 * P15, the same two routes in every service that holds personal data: the customer's own, after a recent step-up
 * (it opens everything, billing data and cards included), and any account's for the privacy officer.
 */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('accounts')
export class PersonalDataController {
  constructor(private readonly queries: QueryBus) {}

  @Access({ customer: true })
  @RequiresStepUp()
  @OpenToClosedAccount()
  @Get('me/personal-data')
  mine(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetPersonalDataQuery(principal.id));
  }

  @Access({ staff: ['privacy-officer'] })
  @Get(':accountId/personal-data')
  ofAccount(@Param('accountId', uuidParam('accountId')) accountId: string) {
    return this.queries.execute(new GetPersonalDataQuery(accountId));
  }
}
