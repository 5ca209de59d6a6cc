import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, CurrentPrincipal, STAFF_ROLES, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, idempotencyKey, uuidParam } from '@privacy-ledger/platform';
import { ChargeCardCommand } from './charge-card.command';
import { CHARGE_STATUS, type ChargeView } from './charge-view';
import { ChargeDto } from './charge.dto';

/**
 * P9: a card custodian charges a card on the customer's charge request. Every staff member reaches the
 * route, so that a try by anyone else is refused by the vault and recorded in the access log.
 */
@ApiTags('charges')
@ApiBearerAuth()
@Controller('accounts')
export class ChargesController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ staff: [...STAFF_ROLES] })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'your own value for this charge; a retry with it charges once' })
  @Post(':accountId/cards/:cardId/charges')
  @HttpCode(201)
  async charge(
    @CurrentPrincipal() principal: Principal,
    @Param('accountId', uuidParam('accountId')) accountId: string,
    @Param('cardId', uuidParam('cardId')) cardId: string,
    @Body() body: ChargeDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Headers('idempotency-key') key?: string,
  ): Promise<ChargeView> {
    const context = commandContext(request, principal.id, this.clock);
    const charge = await this.commands.execute(
      new ChargeCardCommand(accountId, cardId, body.requestId, idempotencyKey(key), principal, context),
    );
    response.status(CHARGE_STATUS[charge.outcome]);
    return charge;
  }
}
