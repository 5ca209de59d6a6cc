import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { CardWrites } from './card-writes';
import { cardSubject } from './cards.events';
import { DeleteCardCommand } from './delete-card.command';

/** The event, then the card's key (the erasure reactor destroys it again if this process stops in between). */
@CommandHandler(DeleteCardCommand)
export class DeleteCardHandler implements ICommandHandler<DeleteCardCommand> {
  constructor(
    private readonly cards: CardWrites,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async execute({ accountId, cardId, context }: DeleteCardCommand): Promise<void> {
    await this.cards.handle(accountId, { type: 'DeleteCard', accountId, cardId, at: context.occurredAt }, context);
    const subject = cardSubject(cardId, accountId);
    await this.keyring.destroy(subject.subjectId, subject.accountId);
  }
}
