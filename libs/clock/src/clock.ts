/** Where every service gets the time: injected, so a specification can set it. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

/** The machine's clock: the one place that asks the system for the time. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: for specifications. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: string | Date = '2026-11-23T10:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: string | Date): void {
    this.current = new Date(at).getTime();
  }
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The ISO time `ms` milliseconds after another ISO time. */
export function later(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
