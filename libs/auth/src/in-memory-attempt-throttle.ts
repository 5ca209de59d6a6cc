import { lockSeconds, type AttemptThrottle } from './attempt-throttle.port';

/** The throttle in this process's memory; `now` is the caller's clock. */
export class InMemoryAttemptThrottle implements AttemptThrottle {
  private readonly keys = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async retryAfter(key: string): Promise<number> {
    const entry = this.keys.get(key);
    return entry ? Math.max(0, Math.ceil((entry.lockedUntil - this.now()) / 1000)) : 0;
  }

  async failed(key: string): Promise<void> {
    const failures = (this.keys.get(key)?.failures ?? 0) + 1;
    this.keys.set(key, { failures, lockedUntil: this.now() + lockSeconds(failures) * 1000 });
  }

  async succeeded(key: string): Promise<void> {
    this.keys.delete(key);
  }
}
