import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, WritePath, type EventStore } from '@privacy-ledger/ledger';
import { READ_MODELS, showsEverythingCommitted, type ReadModels } from '@privacy-ledger/projections';
import { cardsAggregate } from '../cards/cards.decider';
import { cardRequestListProjection, openedRequestView, type CardRequestView } from './card-request-list.projection';
import type { CardRequestOpened } from './card-requests.events';
import { cardRequestsAggregate } from './card-requests.decider';
import { OpenCardRequestCommand } from './open-card-request.command';

@CommandHandler(OpenCardRequestCommand)
export class OpenCardRequestHandler implements ICommandHandler<OpenCardRequestCommand> {
  constructor(
    private readonly writes: WritePath,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ accountId, requestId, request, context }: OpenCardRequestCommand): Promise<CardRequestView> {
    const cards = await this.writes.load(cardsAggregate, accountId);
    const command = {
      type: 'OpenCardRequest' as const,
      accountId,
      requestId,
      ...request,
      recordedBy: context.actor,
      cardsOfAccount: Object.keys(cards.state.cards),
      at: context.occurredAt,
    };
    const { events } = await this.writes.handle(cardRequestsAggregate, accountId, command, context);
    await showsEverythingCommitted(this.events, this.readModels, cardRequestListProjection.name);
    return openedRequestView((events[0] as CardRequestOpened).data);
  }
}
