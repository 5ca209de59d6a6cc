/** A projection's lease, held by one runner at a time across every process. */
export interface HeldLease {
  /** Grows with every new holder; read models refuse the writes of an older one. */
  readonly fence: number;
  /** Resolves when the lease is lost: taken over, or not renewed in time. */
  readonly lost: Promise<void>;
  /**
   * False once the lease may have passed to another holder. Checked before every batch, so a holder that
   * was frozen (a stopped process, a long pause) does no work, not even a reactor's, after waking.
   */
  isValid(): boolean;
  release(): Promise<void>;
}

export interface ProjectionLease {
  /** This process's lease on the projection, or null while another holds it. */
  tryAcquire(projection: string): Promise<HeldLease | null>;
}

export const PROJECTION_LEASE = Symbol('ProjectionLease');
