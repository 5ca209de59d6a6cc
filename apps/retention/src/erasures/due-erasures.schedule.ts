import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { describeFault, jsonLogger } from '@privacy-ledger/platform';
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
export class DueErasuresSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ERASURE_SCHEDULE) private readonly schedule: ErasureSchedule,
    private readonly starter: ErasureStarter,
  ) {}

  onApplicationBootstrap() {
    const logger = jsonLogger('retention');
    const sweep = () =>
      (this.sweeping = this.sweep().catch((error: unknown) =>
        logger.error({ msg: 'the erasure schedule failed', ...describeFault(error) }),
      ));
    void sweep();
    this.timer = setInterval(() => void this.sweeping.then(sweep), this.schedule.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
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
