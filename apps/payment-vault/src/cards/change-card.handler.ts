import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CardView } from './card-view';
import { CardWrites } from './card-writes';
import { ChangeCardCommand } from './change-card.command';

@CommandHandler(ChangeCardCommand)
export class ChangeCardHandler implements ICommandHandler<ChangeCardCommand> {
  constructor(private readonly cards: CardWrites) {}

  execute({ context, ...change }: ChangeCardCommand): Promise<CardView> {
    return this.cards.change(change, context);
  }
}
