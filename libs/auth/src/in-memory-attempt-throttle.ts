import type { Clock } from '@privacy-ledger/clock';
import { keyWithin, lockSeconds, type AttemptLimit, type AttemptThrottle, type Reservation } from './attempt-throttle.port';

interface Window {
  endsAt: number;
  tries: number;
  lockedUntil: number;
}

/** The throttle in this process's memory, for specifications; one process at a time, so each step is atomic as it stands. */
export class InMemoryAttemptThrottle implements AttemptThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: Clock) {}

  async reserve(key: string, limit: AttemptLimit): Promise<Reservation> {
    const now = this.clock.now().getTime();
    const current = this.windows.get(key);
    if (current && current.lockedUntil > now) return { reserved: false, retryAfterSeconds: Math.ceil((current.lockedUntil - now) / 1000) };
    const window = current && now < current.endsAt ? current : { endsAt: now + limit.windowSeconds * 1000, tries: 0, lockedUntil: 0 };
    window.tries += 1;
    window.lockedUntil = Math.min(now + lockSeconds(window.tries, limit) * 1000, window.endsAt);
    this.windows.set(key, window);
    return { reserved: true };
  }

  async release(key: string, limit: AttemptLimit): Promise<void> {
    const window = this.windows.get(key);
    if (!window) return;
    window.tries = Math.max(0, window.tries - 1);
    if (window.tries < limit.freeTries) window.lockedUntil = 0;
  }

  async clear(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async forgetAll(key: string): Promise<void> {
    for (const counted of [...this.windows.keys()])
      if (counted === key || counted.startsWith(keyWithin(key, ''))) this.windows.delete(counted);
  }

  async forgetAllBut(kept: readonly string[]): Promise<void> {
    for (const counted of [...this.windows.keys()]) if (!kept.some((prefix) => counted.startsWith(prefix))) this.windows.delete(counted);
  }

  async forgetExpired(): Promise<number> {
    const now = this.clock.now().getTime();
    const expired = [...this.windows].filter(([, window]) => window.endsAt <= now).map(([key]) => key);
    expired.forEach((key) => this.windows.delete(key));
    return expired.length;
  }
}
