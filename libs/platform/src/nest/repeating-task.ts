import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { describeFault } from '../http-error.filter';
import { jsonLogger } from '../logger';

/**
 * Work a service repeats from bootstrap to shutdown: once at the start (catching up on what fell due while no
 * process ran), then every interval, one round at a time. A failed round is logged with its fault, never its data,
 * and the next round tries again; shutdown waits for the round under way.
 */
export abstract class RepeatingTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  protected constructor(
    private readonly what: string,
    private readonly service: string,
    private readonly intervalMs: number,
  ) {}

  protected abstract round(): Promise<void>;

  onApplicationBootstrap() {
    const logger = jsonLogger(this.service);
    const next = () =>
      (this.running = this.round().catch((error: unknown) => logger.error({ msg: `${this.what} failed`, ...describeFault(error) })));
    void next();
    this.timer = setInterval(() => void this.running.then(next), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
