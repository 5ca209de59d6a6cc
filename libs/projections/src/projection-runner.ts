import type { EventStore, Subscription } from '@privacy-ledger/ledger';
import type { SqlDatabase, SqlSession } from '@privacy-ledger/sql';
import type { PostgresReadModels } from './postgres/postgres-read-models';
import type { Projection, Reactor } from './projection';

export interface ProjectionRunnerOptions {
  /** How often a standby tries to take the lease over. */
  readonly leaseRetryMs?: number;
  readonly onError?: (projection: string, error: unknown) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Feeds one projection (or reactor) from a catch-up subscription. Exactly one runner per projection is active across
 * processes: it holds a session advisory lock on a connection of its own and writes every batch, with
 * its checkpoint, in a transaction on that same connection, so losing the connection also ends its writes.
 */
export class ProjectionRunner {
  private stopped = true;
  private active: { subscription: Subscription; ended: Promise<void>; end: () => void } | null = null;
  private running: Promise<void> = Promise.resolve();
  private rebuildRequested = false;

  constructor(
    private readonly db: SqlDatabase,
    private readonly events: EventStore,
    private readonly readModels: PostgresReadModels,
    private readonly projection: Projection | Reactor,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  get isActive(): boolean {
    return this.active !== null;
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
      if (this.stopped) throw new Error(`projection ${this.projection.name} is not running`);
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
    const lease = `privacy-ledger:projection:${this.projection.name}`;
    while (!this.stopped) {
      try {
        await this.db.withConnection(async (session) => {
          const [{ acquired }] = await session.query<{ acquired: boolean }>('select pg_try_advisory_lock(hashtext($1)) as acquired', [lease]);
          if (!acquired) return;
          try {
            await this.runWhileLeased(session);
          } finally {
            await session.query('select pg_advisory_unlock(hashtext($1))', [lease]).catch(() => undefined);
          }
        });
      } catch (error) {
        this.options.onError?.(this.projection.name, error);
      }
      if (!this.stopped && !this.rebuildRequested) await sleep(this.options.leaseRetryMs ?? 1000);
    }
  }

  private async runWhileLeased(session: SqlSession): Promise<void> {
    const consumer = this.projection;
    const { name } = consumer;
    if (this.rebuildRequested) await session.transaction((tx) => this.readModels.reset(tx, name, 'apply' in consumer ? consumer.collections : []));
    const after = await this.readModels.checkpoint(session, name);
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const subscription = this.events.subscribeToAll({
      after,
      onBatch: async (batch) => {
        if (!('apply' in consumer)) for (const event of batch) await consumer.react(event);
        await session.transaction((tx) =>
          this.readModels.applyBatch(tx, name, batch[batch.length - 1].position, async (readModel) => {
            if ('apply' in consumer) for (const event of batch) await consumer.apply(event, readModel);
          }),
        );
      },
      onError: (error) => {
        this.options.onError?.(name, error);
        end();
      },
    });
    const heartbeat = setInterval(() => session.query('select 1').catch(() => end()), 1000);
    this.active = { subscription, ended, end };
    this.rebuildRequested = false;
    try {
      await ended;
    } finally {
      clearInterval(heartbeat);
      this.active = null;
      await subscription.stop();
    }
  }
}
