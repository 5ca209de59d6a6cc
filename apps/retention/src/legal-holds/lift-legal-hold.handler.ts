import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, WritePath, type EventStore } from '@privacy-ledger/ledger';
import { READ_MODELS, showsEverythingCommitted, type ReadModels } from '@privacy-ledger/projections';
import { legalHoldListProjection } from './legal-hold-list.projection';
import { legalHoldsAggregate } from './legal-holds.decider';
import type { LegalHoldLifted } from './legal-holds.events';
import { LiftLegalHoldCommand, type LiftedHold } from './lift-legal-hold.command';

@CommandHandler(LiftLegalHoldCommand)
export class LiftLegalHoldHandler implements ICommandHandler<LiftLegalHoldCommand> {
  constructor(
    private readonly writes: WritePath,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ accountId, holdId, reason, context }: LiftLegalHoldCommand): Promise<LiftedHold> {
    const command = { type: 'LiftLegalHold' as const, accountId, holdId, reason, liftedBy: context.actor, at: context.occurredAt };
    const { state, events } = await this.writes.handle(legalHoldsAggregate, accountId, command, context);
    await showsEverythingCommitted(this.events, this.readModels, legalHoldListProjection.name);
    const { liftedBy, liftedAt } = (events[0] as LegalHoldLifted).data;
    return { holdId, accountId, kind: state.holds[holdId].kind, liftedBy, liftedAt, standing: false };
  }
}
