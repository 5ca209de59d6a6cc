import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, WritePath, type EventStore } from '@privacy-ledger/ledger';
import { READ_MODELS, showsEverythingCommitted, type ReadModels } from '@privacy-ledger/projections';
import { disclosureListProjection } from './disclosure-list.projection';
import { disclosureView, type DisclosureView } from './disclosure-view';
import { disclosureAggregate } from './disclosures.decider';
import { RecordDisclosureCommand } from './record-disclosure.command';

@CommandHandler(RecordDisclosureCommand)
export class RecordDisclosureHandler implements ICommandHandler<RecordDisclosureCommand> {
  constructor(
    private readonly writes: WritePath,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ accountId, disclosure, context }: RecordDisclosureCommand): Promise<DisclosureView> {
    const disclosureId = randomUUID();
    const command = {
      type: 'RecordDisclosure' as const,
      accountId,
      disclosureId,
      ...disclosure,
      recordedBy: context.actor,
      at: context.occurredAt,
    };
    const { events } = await this.writes.handle(disclosureAggregate, disclosureId, command, context);
    await showsEverythingCommitted(this.events, this.readModels, disclosureListProjection.name);
    return disclosureView(events[0].data, events[0].personal);
  }
}
