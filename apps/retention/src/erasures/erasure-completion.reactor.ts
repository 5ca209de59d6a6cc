import { Inject, Injectable } from '@nestjs/common';
import {
  ACCOUNT_ERASURE_CONFIRMED,
  erasureConfirmationStream,
  KEK_EPOCH_RETIRED,
  kekEpochStream,
  type AccountErasureConfirmedData,
  type KekEpochRetiredData,
} from '@privacy-ledger/contracts';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { DomainRuleViolation, EVENT_STORE, WritePath, type EventStore, type RecordedEvent } from '@privacy-ledger/ledger';
import { jsonLogger } from '@privacy-ledger/platform';
import { READ_MODELS, type ReadModelStore, type Reactor } from '@privacy-ledger/projections';
import { accountClosureAggregate } from '../closures/account-closure.decider';
import { ErasureCertificates, statementOf, type ParticipantConfirmation } from './erasure-certificate';
import { ERASURES } from './erasure-list.projection';
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
    @Inject(EVENT_STORE) private readonly events: EventStore,
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
    const participants = await Promise.all(state.started.participants.map((service) => this.participantPart(service, accountId)));
    if (participants.some((part) => part === null)) return;
    const completedAt = this.clock.now().toISOString();
    const certificate = await this.certificates.sign(
      statementOf(state.started, participants as ParticipantConfirmation[], completedAt, cause.position),
    );
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

  /** The participant's confirmation with the retired epoch that covers its keys, or null while either is missing. */
  private async participantPart(service: string, accountId: string): Promise<ParticipantConfirmation | null> {
    const [confirmation] = await this.events.readStream(erasureConfirmationStream(service, accountId), { maxCount: 1 });
    if (!confirmation) return null;
    const confirmed = confirmation.data as unknown as AccountErasureConfirmedData;
    const needed = Math.max(0, ...confirmed.destroyedKeys.map((key) => key.epoch ?? 0));
    const retiredEpoch = needed === 0 ? null : await this.retirement(service, needed);
    if (needed > 0 && !retiredEpoch) return null;
    return {
      service: confirmed.service,
      confirmedAt: confirmed.confirmedAt,
      actedOnPosition: confirmed.position,
      confirmationPosition: confirmation.position,
      destroyedKeys: confirmed.destroyedKeys.map(({ subjectId, destroyedAt }) => ({ subjectId, destroyedAt })),
      removed: confirmed.removed,
      retiredEpoch,
    };
  }

  /** The participant's first retired epoch at or after `epoch`: closing an epoch retires every one before it too. */
  private async retirement(service: string, epoch: number): Promise<KekEpochRetiredData | null> {
    const retired = await this.events.readStream(kekEpochStream(service), { direction: 'backwards', maxCount: 1 });
    const latest = retired[0]?.data as unknown as KekEpochRetiredData | undefined;
    if (!latest || latest.epoch < epoch) return null;
    const all = await this.events.readStream(kekEpochStream(service));
    return all.map((event) => event.data as unknown as KekEpochRetiredData).find((data) => data.epoch >= epoch) ?? null;
  }
}
