import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleViolation, EVENT_STORE, WritePath, type EventStore } from '@privacy-ledger/ledger';
import { accountClosureAggregate } from '../closures/account-closure.decider';
import { READ_MODELS, showsEverythingCommitted, type ReadModels } from '@privacy-ledger/projections';
import { legalHoldListProjection } from './legal-hold-list.projection';
import { ERASURE_UNDER_WAY, legalHoldsAggregate } from './legal-holds.decider';
import type { LegalHoldPlaced } from './legal-holds.events';
import { PlaceLegalHoldCommand, type PlacedHold } from './place-legal-hold.command';

@CommandHandler(PlaceLegalHoldCommand)
export class PlaceLegalHoldHandler implements ICommandHandler<PlaceLegalHoldCommand> {
  constructor(
    private readonly writes: WritePath,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ accountId, hold, context }: PlaceLegalHoldCommand): Promise<PlacedHold> {
    // Erasures started before the holds' stream was closed for them are known only to the closure.
    const { state } = await this.writes.load(accountClosureAggregate, accountId);
    if (state.status === 'erasing' || state.status === 'erased') throw new DomainRuleViolation('conflict', ERASURE_UNDER_WAY);
    const command = {
      type: 'PlaceLegalHold' as const,
      accountId,
      holdId: randomUUID(),
      ...hold,
      placedBy: context.actor,
      at: context.occurredAt,
    };
    const { events } = await this.writes.handle(legalHoldsAggregate, accountId, command, context);
    await showsEverythingCommitted(this.events, this.readModels, legalHoldListProjection.name);
    const { holdId, kind, placedAt } = (events[0] as LegalHoldPlaced).data;
    return { holdId, accountId, kind, placedAt, standing: true };
  }
}
