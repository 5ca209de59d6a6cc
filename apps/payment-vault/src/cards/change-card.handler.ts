import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CardView } from './card-view';
import { CardWrites } from './card-writes';
import { ChangeCardCommand } from './change-card.command';

@CommandHandler(ChangeCardCommand)
export class ChangeCardHandler implements ICommandHandler<ChangeCardCommand> {
  constructor(private readonly cards: CardWrites) {}

  async execute({ accountId, cardId, changes, expectedVersion, context }: ChangeCardCommand): Promise<CardView> {
    const fingerprint = changes.number === undefined ? undefined : this.cards.fingerprintOf(accountId, changes.number);
    const command = { type: 'ChangeCard' as const, accountId, cardId, changes, expectedVersion, fingerprint, at: context.occurredAt };
    return (await this.cards.handle(accountId, command, context))!;
  }
}
