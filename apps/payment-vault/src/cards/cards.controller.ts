import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, RequiresStepUp, type Principal } from '@privacy-ledger/auth';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { commandContext, ifMatchVersion, uuidParam } from '@privacy-ledger/platform';
import { AddCardCommand } from './add-card.command';
import { AddCardDto, ChangeCardDto } from './card.dto';
import { ChangeCardCommand } from './change-card.command';
import { DeleteCardCommand } from './delete-card.command';
import { ListCardsQuery } from './list-cards.query';

const cardId = uuidParam('cardId');

/**
 * A customer's own cards (P7, P8), after a recent step-up, as billing details: the account is always the
 * caller's, and every answer shows a card masked.
 */
@ApiTags('cards')
@ApiBearerAuth()
@Controller('accounts')
export class CardsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Access({ customer: true })
  @RequiresStepUp()
  @Get('me/cards')
  list(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListCardsQuery(principal.id));
  }

  @Access({ customer: true })
  @RequiresStepUp()
  @Post('me/cards')
  @HttpCode(201)
  add(@CurrentPrincipal() principal: Principal, @Body() body: AddCardDto, @Req() request: Request) {
    return this.commands.execute(new AddCardCommand(principal.id, randomUUID(), body, commandContext(request, principal.id, this.clock)));
  }

  @Access({ customer: true })
  @RequiresStepUp()
  @ApiHeader({ name: 'If-Match', required: true, description: 'the version of the card this change was made to' })
  @Patch('me/cards/:cardId')
  change(
    @CurrentPrincipal() principal: Principal,
    @Param('cardId', cardId) id: string,
    @Body() body: ChangeCardDto,
    @Req() request: Request,
    @Headers('if-match') ifMatch?: string,
  ) {
    const version = ifMatchVersion(ifMatch, 'card', true)!;
    return this.commands.execute(new ChangeCardCommand(principal.id, id, body, version, commandContext(request, principal.id, this.clock)));
  }

  /** Deletes the card for good: its key is destroyed, so every stored copy of it is unreadable. */
  @Access({ customer: true })
  @RequiresStepUp()
  @Delete('me/cards/:cardId')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('cardId', cardId) id: string, @Req() request: Request) {
    await this.commands.execute(new DeleteCardCommand(principal.id, id, commandContext(request, principal.id, this.clock)));
  }
}
