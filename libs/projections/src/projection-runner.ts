import type { EventStore, Position, RecordedEvent, Subscription } from '@privacy-ledger/ledger';
import { EventFailedError } from './event-failed.error';
import { CheckpointsAheadOfLogError } from './log-went-backwards';
import { isProjection, type Projection, type Reactor } from './projection';
import type { HeldLease, ProjectionLease } from './projection-lease.port';
import { LeaseLostError, type ReadModels, type ReadModelTransaction } from './read-model-store.port';

export interface ProjectionRunnerOptions {
  /** How often a standby tries to take the lease over. */
  readonly leaseRetryMs?: number;
  readonly onError?: (projection: string, error: unknown) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` for each event, naming the event a failure happened on. */
async function eachEvent(runner: string, events: readonly RecordedEvent[], work: (event: RecordedEvent) => Promise<void>): Promise<void> {
  for (const event of events) {
    try {
      await work(event);
    } catch (error) {
      throw error instanceof LeaseLostError ? error : new EventFailedError(runner, event, error);
    }
  }
}

async function applyProjection(projection: Projection, events: readonly RecordedEvent[], readModel: ReadModelTransaction): Promise<void> {
  await eachEvent(projection.name, events, async (event) => {
    const forgotten = projection.forgets?.(event);
    if (forgotten) await readModel.deleteWhere(projection.collection, forgotten, event.position);
    if (!projection.canHandle(event)) return;
    const id = projection.documentId(event);
    const next = projection.evolve(await readModel.get(projection.collection, id), event);
    await (next === null
      ? readModel.delete(projection.collection, id, event.position)
      : readModel.put(projection.collection, id, next, event.position));
  });
}

/** A batch reactor takes the batch at once; its failure names the batch's first event, the oldest one it holds back. */
async function applyReactor(reactor: Reactor, events: readonly RecordedEvent[]): Promise<void> {
  if (!reactor.handleBatch) return eachEvent(reactor.name, events, (event) => reactor.handle(event));
  try {
    await reactor.handleBatch(events);
  } catch (error) {
    throw error instanceof LeaseLostError ? error : new EventFailedError(reactor.name, events[0], error);
  }
}

/** What this process knows of one of its runners: whether it holds the lease, and the fault it is stuck on. */
export interface RunnerStatus {
  readonly name: string;
  readonly active: boolean;
  readonly fault: {
    readonly error: string;
    readonly code?: string;
    readonly eventId?: string;
    readonly position?: Position;
    readonly blockedBy?: string;
    readonly detail?: string;
  } | null;
}

/**
 * Feeds one projection (or reactor) from a catch-up subscription. Exactly one runner per projection is
 * active across processes: the one holding its lease. Every batch is written with its checkpoint in one
 * transaction that names the lease's fence, so a runner that lost its lease cannot write over its successor.
 */
export class ProjectionRunner {
  private stopped = true;
  private active: { subscription: Subscription; end: () => void } | null = null;
  private running: Promise<void> = Promise.resolve();
  private rebuildRequested = false;
  private fault: RunnerStatus['fault'] = null;

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModels,
    private readonly lease: ProjectionLease,
    private readonly consumer: Projection | Reactor,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  get name(): string {
    return this.consumer.name;
  }

  get isActive(): boolean {
    return this.active !== null;
  }

  status(): RunnerStatus {
    return { name: this.name, active: this.isActive, fault: this.fault };
  }

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.running = this.contendForLease();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.active?.end();
    await this.running;
  }

  /** Resolves once this runner holds the lease and has applied everything committed before the call. */
  async caughtUp(): Promise<void> {
    while (!this.active) {
      if (this.stopped) throw new Error(`projection ${this.name} is not running`);
      await sleep(20);
    }
    await this.active.subscription.caughtUp();
  }

  /** Wipes the read model and replays the whole log into it from position zero. */
  async rebuild(): Promise<void> {
    this.rebuildRequested = true;
    this.active?.end();
    while (this.rebuildRequested || !this.active) await sleep(20);
    await this.caughtUp();
  }

  private async contendForLease(): Promise<void> {
    while (!this.stopped) {
      try {
        const held = await this.lease.tryAcquire(this.name);
        if (!held) this.fault = null; // another process runs it now, and reports its own faults
        if (held) {
          try {
            await this.runWhileLeased(held);
          } finally {
            await held.release();
          }
        }
      } catch (error) {
        this.report(error);
      }
      if (!this.stopped && !this.rebuildRequested) await sleep(this.options.leaseRetryMs ?? 1000);
    }
  }

  private async runWhileLeased(held: HeldLease): Promise<void> {
    const consumer = this.consumer;
    if (this.rebuildRequested) await this.readModels.reset(this.name, isProjection(consumer) ? [consumer.collection] : [], held.fence);
    const after = await this.readModels.takeOver(this.name, held.fence);
    const head = await this.events.headPosition();
    if (after > head) throw new CheckpointsAheadOfLogError(head, new Map([[this.name, after]]));
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const subscription = this.events.subscribeToAll({
      after,
      onBatch: async (batch) => {
        if (!held.isValid()) throw new LeaseLostError(this.name);
        if (!isProjection(consumer)) await applyReactor(consumer, batch);
        await this.readModels.applyBatch(this.name, batch[batch.length - 1].position, held.fence, (readModel) =>
          isProjection(consumer) ? applyProjection(consumer, batch, readModel) : Promise.resolve(),
        );
      },
      onRead: () => (this.fault = null),
      // A failing batch is retried by the subscription under the same lease: handing the lease around would
      // only move the same fault from process to process. A lost lease ends the run.
      onError: (error) => {
        this.report(error);
        if (error instanceof LeaseLostError) end();
      },
    });
    this.active = { subscription, end };
    this.rebuildRequested = false;
    if (this.stopped) end(); // a stop() that came while this run was starting found nothing to end
    try {
      const outcome = await Promise.race([ended.then(() => 'ended' as const), held.lost.then(() => 'lost' as const)]);
      if (outcome === 'lost' && !this.stopped) this.report(new LeaseLostError(this.name));
    } finally {
      this.active = null;
      await subscription.stop();
    }
  }

  private report(error: unknown): void {
    const { name, code, position, blockedBy, detail, place } = error as Partial<EventFailedError & { blockedBy: string; detail: string }>;
    this.fault = { error: name ?? typeof error, code, eventId: place?.eventId, position, blockedBy, detail };
    this.options.onError?.(this.name, error);
  }
}
