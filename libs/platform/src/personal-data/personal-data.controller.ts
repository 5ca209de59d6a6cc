import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, OpenToClosedAccount, RequiresStepUp, type Principal } from '@privacy-ledger/auth';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { uuidParam } from '../uuid-param';
import { ErasureCheckDto, erasureCheckOf, type ErasureCheck } from './erasure-check';
import { GetPersonalDataQuery } from './get-personal-data.query';

/**
 * P15, the same two routes in every service that holds personal data: the customer's own, after a recent step-up
 * (it opens everything, billing data and cards included), and any account's for the privacy officer.
 */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('accounts')
export class PersonalDataController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

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

  /** An erasure certificate re-checked here (the `verify` command asks every service): counts and key ids only. */
  @Access({ staff: ['auditor', 'privacy-officer'] })
  @Post(':accountId/erasure-check')
  @HttpCode(200)
  async erasureCheck(@Param('accountId', uuidParam('accountId')) accountId: string, @Body() body: ErasureCheckDto): Promise<ErasureCheck> {
    const part = await this.queries.execute(new GetPersonalDataQuery(accountId, 'erasure-check'));
    // The account's own keys too: a key the certificate leaves out must be gone all the same.
    const live = new Set([...(await this.keyring.liveKeys(body.subjectIds)), ...(await this.keyring.liveKeysOf(accountId))]);
    return erasureCheckOf(part, [...live].sort());
  }
}
