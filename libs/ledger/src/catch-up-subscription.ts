import { comparePositions, START, type Position, type RecordedEvent, type SubscribeOptions, type Subscription } from './event-store.port';

export interface SubscriptionSource {
  readAll(options: { after: Position; maxCount: number }): Promise<RecordedEvent[]>;
  headPosition(): Promise<Position>;
  /** Registers a wake-up call for appends seen by this process; returns the unregister function. */
  onAppended(listener: () => void): () => void;
}

const IDLE_POLL_MS = 100;
const MAX_RETRY_MS = 30_000;

/**
 * Pulls batches in commit order and then waits for news. Appends made by other processes are seen by
 * polling; appends made by this one wake it at once. It only ever reads what the source calls stable,
 * so it can never pass an event that commits later.
 */
export class CatchUpSubscription implements Subscription {
  private position: Position;
  private stopped = false;
  private wake: (() => void) | null = null;
  private woken = false;
  private readonly unregister: () => void;
  private readonly running: Promise<void>;
  private readonly waiters = new Set<{ target: Position; resolve: () => void }>();

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
  ) {
    this.position = options.after ?? START;
    this.unregister = source.onAppended(() => {
      this.woken = true;
      this.wake?.();
    });
    this.running = this.run();
  }

  async caughtUp(): Promise<void> {
    const target = await this.source.headPosition();
    if (comparePositions(this.position, target) >= 0 || this.stopped) return;
    await new Promise<void>((resolve) => {
      this.waiters.add({ target, resolve });
      this.wake?.();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unregister();
    this.wake?.();
    await this.running;
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters.clear();
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let failures = 0;
    while (!this.stopped) {
      try {
        const events = await this.source.readAll({ after: this.position, maxCount: batchSize });
        if (events.length > 0) {
          await this.options.onBatch(events);
          this.position = events[events.length - 1].position;
        }
        failures = 0;
        this.options.onRead?.();
        this.releaseWaiters();
        if (events.length < batchSize) await this.idle();
      } catch (error) {
        this.options.onError?.(error);
        // The same batch again, a little later each time: a fault that lasts is retried, not hammered.
        await this.idle(Math.min(MAX_RETRY_MS, 1000 * 2 ** failures++));
      }
    }
  }

  private releaseWaiters(): void {
    for (const waiter of this.waiters) {
      if (comparePositions(this.position, waiter.target) >= 0) {
        waiter.resolve();
        this.waiters.delete(waiter);
      }
    }
  }

  /** Waits for a poll interval or a wake-up; a wake-up that came while reading skips the wait. */
  private idle(ms = IDLE_POLL_MS): Promise<void> {
    if (this.stopped || this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }
}

/**
 * The appends one process made, as a wake-up call for its subscriptions: what every event store gives its
 * catch-up subscriptions, so that they hear of this process's appends at once and poll only for others'.
 */
export class AppendSignal {
  private readonly listeners = new Set<() => void>();

  /** Called by the store after each append it made. */
  appended(): void {
    this.listeners.forEach((listener) => listener());
  }

  /** A catch-up subscription over the store's log, woken by this signal. */
  subscribe(store: Pick<SubscriptionSource, 'readAll' | 'headPosition'>, options: SubscribeOptions): Subscription {
    return new CatchUpSubscription(
      {
        readAll: (range) => store.readAll(range),
        headPosition: () => store.headPosition(),
        onAppended: (listener) => {
          this.listeners.add(listener);
          return () => this.listeners.delete(listener);
        },
      },
      options,
    );
  }
}
