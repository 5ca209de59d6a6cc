import { Controller, Get, Param, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, OpenToClosedAccount, RequiresStepUp, type Principal } from '@privacy-ledger/auth';
import { CORRELATION_HEADER, uuidParam } from '@privacy-ledger/platform';
import { ExportAccountQuery } from './export-account.query';

/** P15: the subject access export, one JSON document of everything every service holds of the account. */
@ApiTags('subject access export')
@ApiBearerAuth()
@Controller('accounts')
export class SubjectExportController {
  constructor(private readonly queries: QueryBus) {}

  @Access({ customer: true })
  @RequiresStepUp()
  @OpenToClosedAccount()
  @Get('me/export')
  mine(@CurrentPrincipal() principal: Principal, @Req() request: Request) {
    return this.queries.execute(new ExportAccountQuery(principal.id, callerOf(request, true)));
  }

  @Access({ staff: ['privacy-officer'] })
  @Get(':accountId/export')
  ofAccount(@Param('accountId', uuidParam('accountId')) accountId: string, @Req() request: Request) {
    return this.queries.execute(new ExportAccountQuery(accountId, callerOf(request, false)));
  }
}

/** The guard let the request through, so it carries a bearer token; the correlation id is set for every request. */
function callerOf(request: Request, self: boolean): ExportAccountQuery['caller'] {
  return { self, authorization: request.headers.authorization!, correlationId: String(request.headers[CORRELATION_HEADER]) };
}
