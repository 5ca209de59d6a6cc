import { Inject, Injectable } from '@nestjs/common';
import { ERASURE_STARTED, type ErasureStartedData } from '@privacy-ledger/contracts';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { EVENT_STORE, streamOf, type EventStore } from '@privacy-ledger/ledger';
import { jsonLogger, RepeatingTask, type HealthIndicator } from '@privacy-ledger/platform';
import { listAll, READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { accountClosureAggregate } from '../closures/account-closure.decider';
import { ERASURE_SCHEDULE, type ErasureSchedule } from './due-erasures.schedule';
import { ERASURES } from './erasure-list.projection';
import { ErasureProgress, type ParticipantProgress } from './erasure-progress';
import type { ErasureView } from './erasure-view';

const logger = jsonLogger('retention');

/** An erasure under way for longer than it may take, and what it waits for; named by its start event, never its erasure id. */
export interface StalledErasure {
  readonly startedEventId: string;
  readonly erasingSince: string;
  readonly waitingFor: readonly Extract<ParticipantProgress, { waitingFor: unknown }>[];
}

/**
 * Erasures that stall (a participant down, a KEK epoch that never closes) show in /health, which turns degraded,
 * and in the log, once per erasure and process, with the account and the start event's id: an erasure the
 * customer was promised must not wait unseen. Looked for at every schedule round and at every /health.
 */
@Injectable()
export class StalledErasuresWatch extends RepeatingTask implements HealthIndicator {
  readonly name = 'erasures';
  private readonly reported = new Set<string>();

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ERASURE_SCHEDULE) private readonly schedule: ErasureSchedule,
    private readonly progress: ErasureProgress,
  ) {
    super('watching for stalled erasures', 'retention', schedule.intervalMs);
  }

  protected async round(): Promise<void> {
    await this.stalled();
  }

  async check(): Promise<{ degraded: boolean; details: { stalled: StalledErasure[] } }> {
    const stalled = await this.stalled();
    return { degraded: stalled.length > 0, details: { stalled } };
  }

  private async stalled(): Promise<StalledErasure[]> {
    const startedBefore = new Date(this.clock.now().getTime() - this.schedule.stalledAfterMs).toISOString();
    const erasing = await listAll<ErasureView>(this.readModels, ERASURES, { state: 'erasing' });
    const late = erasing.filter((erasure) => erasure.startedAt !== null && erasure.startedAt < startedBefore);
    const found = (await Promise.all(late.map((erasure) => this.waitingOf(erasure.accountId)))).flatMap((stalled) => stalled ?? []);
    for (const stalled of found) this.report(stalled.accountId, stalled.erasure);
    return found.map(({ erasure }) => erasure);
  }

  /** From the closure's stream, read once: its start (the event that names it) and what it still waits for. */
  private async waitingOf(accountId: string): Promise<{ accountId: string; erasure: StalledErasure } | null> {
    const closure = await this.events.readStream(streamOf(accountClosureAggregate, accountId));
    const started = closure.find((event) => event.type === ERASURE_STARTED);
    if (!started || closure.some((event) => event.type === 'ErasureCompleted')) return null;
    const data = started.data as unknown as ErasureStartedData;
    const waitingFor = (await this.progress.of(data)).flatMap((part) => ('waitingFor' in part ? [part] : []));
    if (waitingFor.length === 0) return null; // complete, its completion on the way
    return { accountId, erasure: { startedEventId: started.eventId, erasingSince: data.startedAt, waitingFor } };
  }

  private report(accountId: string, { startedEventId, erasingSince, waitingFor }: StalledErasure): void {
    if (this.reported.has(startedEventId)) return;
    this.reported.add(startedEventId);
    logger.error({ msg: 'an erasure is stalled', accountId, startedEventId, erasingSince, waitingFor });
  }
}
