import { Body, Controller, Get, Headers, Inject, Param, Patch, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, STAFF_ROLES, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, ifMatchVersion, uuidParam } from '@privacy-ledger/platform';
import { ApplyCardEditCommand } from './apply-card-edit.command';
import { CustodianEditDto } from './custodian-edit.dto';
import { ListCardAccessLogQuery } from './list-card-access-log.query';

/** Staff use of cards (P9) and its log (PCI DSS 10.2). */
@ApiTags('card use')
@ApiBearerAuth()
@Controller()
export class CardUseController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every staff member reaches the route, so that a try by anyone but a card custodian is refused by the vault and recorded. */
  @Access({ staff: [...STAFF_ROLES] })
  @ApiHeader({ name: 'If-Match', required: true, description: 'the version of the card this change was made to' })
  @Patch('accounts/:accountId/cards/:cardId')
  edit(
    @CurrentPrincipal() principal: Principal,
    @Param('accountId', uuidParam('accountId')) accountId: string,
    @Param('cardId', uuidParam('cardId')) cardId: string,
    @Body() { requestId, ...changes }: CustodianEditDto,
    @Req() request: Request,
    @Headers('if-match') ifMatch?: string,
  ) {
    const version = ifMatchVersion(ifMatch, 'card', true)!;
    const context = commandContext(request, principal.id, this.clock);
    return this.commands.execute(new ApplyCardEditCommand(accountId, cardId, requestId, changes, version, principal, context));
  }

  @Access({ staff: ['auditor'] })
  @Get('cards/:cardId/access-log')
  ofCard(@Param('cardId', uuidParam('cardId')) cardId: string) {
    return this.queries.execute(new ListCardAccessLogQuery({ cardId }));
  }

  @Access({ staff: ['auditor'] })
  @Get('staff/:staffId/card-access-log')
  ofStaffMember(@Param('staffId', uuidParam('staffId')) staffId: string) {
    return this.queries.execute(new ListCardAccessLogQuery({ staffId }));
  }
}
