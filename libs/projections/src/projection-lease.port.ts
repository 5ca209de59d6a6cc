/** A projection's lease, held by one runner at a time across every process. */
export interface HeldLease {
  /** Grows with every new holder; read models refuse the writes of an older one. */
  readonly fence: number;
  /** Resolves when the lease is lost (its holder's connection died). */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

export interface ProjectionLease {
  /** This process's lease on the projection, or null while another holds it. */
  tryAcquire(projection: string): Promise<HeldLease | null>;
}

export const PROJECTION_LEASE = Symbol('ProjectionLease');
