import type { HeldLease, ProjectionLease } from '../projection-lease.port';

/** Leases within one process: one holder per projection, a higher fence for each new holder. */
export class InMemoryProjectionLease implements ProjectionLease {
  private readonly held = new Set<string>();
  private fences = 0;

  async tryAcquire(projection: string): Promise<HeldLease | null> {
    if (this.held.has(projection)) return null;
    this.held.add(projection);
    let lose!: () => void;
    let valid = true;
    const lost = new Promise<void>((resolve) => (lose = resolve));
    return {
      fence: ++this.fences,
      lost,
      isValid: () => valid,
      release: async () => {
        valid = false;
        this.held.delete(projection);
        lose();
      },
    };
  }
}
