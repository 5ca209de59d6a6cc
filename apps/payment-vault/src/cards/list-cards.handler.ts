import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { sealedPartFromStore } from '@privacy-ledger/ledger';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { CARD_LIST, type CardListEntry } from './card-list.projection';
import { cardView, type CardView } from './card-view';
import type { CardDetails } from './cards.events';
import { ListCardsQuery } from './list-cards.query';

/** From the read model, opened and masked on the way out; a card whose key is gone is left out. */
@QueryHandler(ListCardsQuery)
export class ListCardsHandler implements IQueryHandler<ListCardsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async execute({ accountId }: ListCardsQuery): Promise<{ cards: CardView[] }> {
    const entries = await this.readModels.list<CardListEntry>(CARD_LIST, { where: { accountId }, limit: 1000 });
    const readable = entries.filter((entry) => entry.sealed !== null);
    const details = await this.keyring.decryptMany<CardDetails>(readable.map((entry) => sealedPartFromStore(entry.sealed!, accountId)));
    const opened = readable.flatMap((entry, index) => {
      const card = details[index];
      return card.status === 'ok' ? [{ entry, details: card.value }] : [];
    });
    return { cards: await Promise.all(opened.map(({ entry, details }) => cardView(entry, details, this.keyring))) };
  }
}
