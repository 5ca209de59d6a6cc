import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { listAll, READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { RepeatingTask } from '@privacy-ledger/platform';
import { ERASURES } from './erasure-list.projection';
import type { ErasureView } from './erasure-view';
import { ErasureStarter } from './erasure-starter';

export const ERASURE_SCHEDULE = Symbol('ErasureSchedule');

export interface ErasureSchedule {
  /** How often the schedule looks for erasures whose retention period ended, and for stalled ones (ERASURE_SCHEDULE_SECONDS). */
  readonly intervalMs: number;
  /** How long an erasure may be under way before it counts as stalled. */
  readonly stalledAfterMs: number;
}

/**
 * Starts the erasures whose time came (P12): at every start, so that erasures falling due while no process ran
 * start then, and at every interval. Several processes may sweep at once: each erasure starts once.
 */
@Injectable()
export class DueErasuresSchedule extends RepeatingTask {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ERASURE_SCHEDULE) schedule: ErasureSchedule,
    private readonly starter: ErasureStarter,
  ) {
    super('the erasure schedule', 'retention', schedule.intervalMs);
  }

  protected round(): Promise<void> {
    return this.sweep();
  }

  /** Starts every scheduled or due erasure whose time came; held ones stay, and say why when asked. */
  async sweep(): Promise<void> {
    const now = this.clock.now().toISOString();
    const correlationId = randomUUID();
    for (const state of ['scheduled', 'due'] as const)
      for (const erasure of await listAll<ErasureView>(this.readModels, ERASURES, { state }))
        if (erasure.dueAt <= now) await this.starter.start(erasure.accountId, { correlationId, causationId: null });
  }
}
