import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, streamOf, type EventStore, type RecordedEvent, type SubjectStream } from '@privacy-ledger/ledger';
import { GetPersonalDataQuery, PersonalDataExporter, withholding, type PersonalData } from '@privacy-ledger/platform';
import { listAll, READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { cardRequestsAggregate } from '../card-requests/card-requests.decider';
import { CARD_ACCESS_LOG, cardAccessLogProjection, type CardAccessEntry } from '../card-use/card-access-log.projection';
import { cardUseRefusalsAggregate } from '../card-use/card-use-refusals.decider';
import { maskedNumber } from '../cards/card-view';
import { cardsAggregate } from '../cards/cards.decider';

/**
 * What the vault holds of an account: its cards (deleted ones as shredded records), its card requests and
 * charges, and every staff use of its cards, refused tries included (each in the staff member's own stream,
 * found through the access log). A card number is shown masked, as everywhere (P8): never in full, not even here.
 */
@QueryHandler(GetPersonalDataQuery)
export class GetPersonalDataHandler implements IQueryHandler<GetPersonalDataQuery> {
  constructor(
    private readonly exporter: PersonalDataExporter,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
  ) {}

  execute({ accountId }: GetPersonalDataQuery): Promise<PersonalData> {
    return this.exporter.export(accountId, {
      foundThrough: [cardAccessLogProjection.name],
      streams: () => this.streamsOf(accountId),
      present: withholding(['number'], (card) => maskedNumber(String(card.number))),
    });
  }

  private async streamsOf(accountId: string): Promise<SubjectStream[]> {
    const cards = await this.cardsEver(accountId);
    // A refused try names the account asked for and the card tried: either makes it this account's.
    const concerns = (event: RecordedEvent) => event.data.accountId === accountId || cards.has(String(event.data.cardId));
    const refusals = await Promise.all(
      [{ accountId }, ...[...cards].map((cardId) => ({ cardId }))].map((where) =>
        listAll<CardAccessEntry>(this.readModels, CARD_ACCESS_LOG, { ...where, outcome: 'refused' }),
      ),
    );
    const staffIds = new Set(refusals.flat().map((entry) => entry.staffId));
    return [
      { aggregate: cardsAggregate, id: accountId },
      { aggregate: cardRequestsAggregate, id: accountId },
      ...[...staffIds].map((staffId) => ({ aggregate: cardUseRefusalsAggregate, id: staffId, concerns })),
    ];
  }

  /** Every card the account ever had, deleted ones included: the card list forgets those. */
  private async cardsEver(accountId: string): Promise<Set<string>> {
    const events = await this.events.readStream(streamOf(cardsAggregate, accountId));
    return new Set(events.map((event) => String(event.data.cardId)));
  }
}
