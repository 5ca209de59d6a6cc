import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNT_ERASURE_CONFIRMED, KEK_EPOCH_RETIRED, type AccountErasureConfirmedData } from '@privacy-ledger/contracts';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { DomainRuleViolation, WritePath, type RecordedEvent } from '@privacy-ledger/ledger';
import { jsonLogger } from '@privacy-ledger/platform';
import { READ_MODELS, type ReadModelStore, type Reactor } from '@privacy-ledger/projections';
import { accountClosureAggregate } from '../closures/account-closure.decider';
import { ErasureCertificates, statementOf } from './erasure-certificate';
import { ERASURES } from './erasure-list.projection';
import { ErasureProgress } from './erasure-progress';
import type { ErasureView } from './erasure-view';

const logger = jsonLogger('retention');

/**
 * The erasure process's last step, fed by the ledger: on each participant's confirmation and each retired KEK
 * epoch, an erasure under way completes once every participant confirmed and retired the epoch that still
 * wrapped its destroyed keys. Its certificate is signed then, and the closure's stream takes it once.
 */
@Injectable()
export class ErasureCompletionReactor implements Reactor {
  readonly name = 'retention-erasure-completion';

  constructor(
    private readonly writes: WritePath,
    private readonly progress: ErasureProgress,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly certificates: ErasureCertificates,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type === ACCOUNT_ERASURE_CONFIRMED)
      await this.tryToComplete((event.data as unknown as AccountErasureConfirmedData).accountId, event);
    if (event.type !== KEK_EPOCH_RETIRED) return;
    for (let offset = 0; ; offset += 100) {
      const erasing = await this.readModels.list<ErasureView>(ERASURES, { where: { state: 'erasing' }, limit: 100, offset });
      for (const erasure of erasing) await this.tryToComplete(erasure.accountId, event);
      if (erasing.length < 100) return;
    }
  }

  private async tryToComplete(accountId: string, cause: RecordedEvent): Promise<void> {
    const { state } = await this.writes.load(accountClosureAggregate, accountId);
    if (state.status !== 'erasing') return;
    const participants = (await this.progress.of(state.started)).flatMap((part) => ('done' in part ? [part.done] : []));
    if (participants.length < state.started.participants.length) return;
    const completedAt = this.clock.now().toISOString();
    const certificate = await this.certificates.sign(statementOf(state.started, participants, completedAt, cause.position));
    const command = { type: 'CompleteErasure' as const, accountId, position: cause.position, certificate, at: completedAt };
    const context = {
      occurredAt: completedAt,
      correlationId: cause.metadata.correlationId,
      causationId: cause.eventId,
      actor: 'retention',
    };
    try {
      await this.writes.handle(accountClosureAggregate, accountId, command, context);
      // Never the erasure id: it is the requester's key to the erasure and its certificate.
      logger.log({ msg: 'erasure completed', accountId, position: cause.position });
    } catch (error) {
      // Another process completed it first.
      if (!(error instanceof DomainRuleViolation)) throw error;
    }
  }
}
