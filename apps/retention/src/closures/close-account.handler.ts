import { randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SESSION_REVOCATIONS, type SessionRevocations } from '@privacy-ledger/auth';
import { EVENT_STORE, WritePath, type EventStore } from '@privacy-ledger/ledger';
import { READ_MODELS, showsEverythingCommitted, type ReadModels } from '@privacy-ledger/projections';
import { RETENTION_PERIOD, type RetentionPeriod } from '../retention-period';
import { erasureListProjection } from '../erasures/erasure-list.projection';
import { erasureViewOf, type ErasureView } from '../erasures/erasure-view';
import { accountClosureAggregate } from './account-closure.decider';
import type { AccountClosed } from './account-closure.events';
import { CloseAccountCommand } from './close-account.command';
import { fenceClosure } from './closure-fence';
import { refuseUnknownCustomer } from './customer-account';

/** An erasure id is a capability: whoever holds it reads the erasure's state, so it is long and random. */
const newErasureId = () => randomBytes(24).toString('base64url');

@CommandHandler(CloseAccountCommand)
export class CloseAccountHandler implements ICommandHandler<CloseAccountCommand> {
  constructor(
    private readonly writes: WritePath,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(SESSION_REVOCATIONS) private readonly revocations: SessionRevocations,
    @Inject(RETENTION_PERIOD) private readonly retention: RetentionPeriod,
  ) {}

  async execute({ accountId, removeNow, requester, context }: CloseAccountCommand): Promise<ErasureView> {
    if (requester === 'privacy-officer') await refuseUnknownCustomer(this.events, accountId);
    const command = {
      type: 'CloseAccount' as const,
      accountId,
      erasureId: newErasureId(),
      removeNow,
      requestedBy: context.actor,
      retentionMs: this.retention.ms,
      at: context.occurredAt,
    };
    const { state, events } = await this.writes.handle(accountClosureAggregate, accountId, command, context);
    await showsEverythingCommitted(this.events, this.readModels, erasureListProjection.name);
    await fenceClosure(this.revocations, events[0] as AccountClosed);
    // Brought forward, the erasure keeps the time it was first requested at, as its state and certificate say.
    const requestedAt = 'requestedAt' in state ? state.requestedAt : (events[0] as AccountClosed).data.closedAt;
    return { ...erasureViewOf((events[0] as AccountClosed).data), requestedAt };
  }
}
