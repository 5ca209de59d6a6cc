import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AddCardCommand } from './add-card.command';
import type { CardView } from './card-view';
import { CardWrites } from './card-writes';

@CommandHandler(AddCardCommand)
export class AddCardHandler implements ICommandHandler<AddCardCommand> {
  constructor(private readonly cards: CardWrites) {}

  async execute({ accountId, cardId, card, context }: AddCardCommand): Promise<CardView> {
    const command = { type: 'AddCard' as const, accountId, cardId, details: card, at: context.occurredAt };
    return (await this.cards.handle(accountId, command, context))!;
  }
}
