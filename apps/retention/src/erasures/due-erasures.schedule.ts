import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { RepeatingTask } from '@privacy-ledger/platform';
import { ERASURES } from './erasure-list.projection';
import type { ErasureView } from './erasure-view';
import { ErasureStarter } from './erasure-starter';

export const ERASURE_SCHEDULE = Symbol('ErasureSchedule');

/** How often the schedule looks for erasures whose retention period ended (ERASURE_SCHEDULE_SECONDS). */
export interface ErasureSchedule {
  readonly intervalMs: number;
}

const PAGE = 100;

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
      for (const erasure of await this.all(state))
        if (erasure.dueAt <= now) await this.starter.start(erasure.accountId, { correlationId, causationId: null });
  }

  private async all(state: ErasureView['state']): Promise<ErasureView[]> {
    const found: ErasureView[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.readModels.list<ErasureView>(ERASURES, { where: { state }, limit: PAGE, offset });
      found.push(...page);
      if (page.length < PAGE) return found;
    }
  }
}
