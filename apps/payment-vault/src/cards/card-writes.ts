import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation, EVENT_STORE, isShredded, WritePath, type CommandContext, type EventStore } from '@privacy-ledger/ledger';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { jsonLogger } from '@privacy-ledger/platform';
import { READ_MODELS, showsEverythingCommitted, type ReadModels } from '@privacy-ledger/projections';
import { cardListProjection } from './card-list.projection';
import { cardView, type CardView } from './card-view';
import { cardsAggregate, type CardChanges, type CardsCommand } from './cards.decider';
import type { CustodianUse } from './cards.events';

const logger = jsonLogger('payment-vault');

/** What every card command handler does: decide on the account's cards, and answer once the read model shows it. */
@Injectable()
export class CardWrites {
  constructor(
    private readonly writes: WritePath,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  /** A new number or expiry, made to the version the caller names: by the customer, or by a custodian on their request. */
  async change(
    { accountId, cardId, changes, expectedVersion }: { accountId: string; cardId: string; changes: CardChanges; expectedVersion: number },
    context: CommandContext,
    byCustodian?: CustodianUse,
  ): Promise<CardView> {
    const command = { type: 'ChangeCard' as const, accountId, cardId, changes, expectedVersion, byCustodian, at: context.occurredAt };
    return (await this.handle(accountId, command, context))!;
  }

  async handle(accountId: string, command: CardsCommand, context: CommandContext): Promise<CardView | null> {
    const { state, events } = await this.writes.handle(cardsAggregate, accountId, command, context);
    if (events.length > 0 && !(await showsEverythingCommitted(this.events, this.readModels, cardListProjection.name)))
      logger.warn({ msg: 'read model lags behind a write', projection: cardListProjection.name });
    const card = state.cards[command.cardId];
    if (!card) return null;
    if (isShredded(card.details)) throw new DomainRuleViolation('conflict', 'the data of this card was erased');
    return cardView({ ...card, accountId }, card.details, this.keyring);
  }
}
