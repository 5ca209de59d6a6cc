import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { migrate, toNumber, type SqlDatabase } from '@privacy-ledger/sql';
import type { HeldLease, ProjectionLease } from '../projection-lease.port';
import { PROJECTION_LEASE_SCHEMA } from './read-model-schema';

export interface LeaseOptions {
  /** How long a lease lasts without renewal: the longest a stopped holder keeps others waiting. */
  readonly ttlMs: number;
  /** Who holds it, as a log and an SRE would name it (service and process). */
  readonly holder: string;
  /** Hears of every lease taken, with the holder it was taken from. */
  readonly onHandover?: (handover: { projection: string; fence: number; holder: string; previousHolder: string | null }) => void;
}

/**
 * A row per projection with an expiry the holder renews. A holder that stops renewing (a crash, a frozen
 * process, a lost network) loses the lease when it expires, and another takes it with a higher fence.
 * The holder counts its own deadline from before each renewal was sent, on this process's monotonic clock,
 * so it never believes in a lease the database has already given away.
 */
export class PostgresProjectionLease implements ProjectionLease {
  private readonly holder: string;

  private constructor(
    private readonly db: SqlDatabase,
    private readonly options: LeaseOptions,
  ) {
    this.holder = `${options.holder} ${randomBytes(3).toString('hex')}`;
  }

  static async create(db: SqlDatabase, options: LeaseOptions): Promise<PostgresProjectionLease> {
    await migrate(db, 'projection-lease', PROJECTION_LEASE_SCHEMA);
    return new PostgresProjectionLease(db, options);
  }

  async tryAcquire(projection: string): Promise<HeldLease | null> {
    const sentAt = performance.now();
    const [row] = await this.db.query<{ fence: unknown; previous_holder: string | null }>(
      // A fence is drawn only when the lease looks free, so a standby's tries do not use them up.
      `with previous as (select holder, expires_at from projection_leases where projection = $1)
       insert into projection_leases (projection, holder, fence, expires_at)
       select $1, $2, nextval('projection_lease_fences'), clock_timestamp() + $3 * interval '1 millisecond'
       where not exists (select 1 from previous where expires_at >= clock_timestamp())
       on conflict (projection) do update set holder = excluded.holder, fence = excluded.fence, expires_at = excluded.expires_at
         where projection_leases.expires_at < clock_timestamp()
       returning fence, (select holder from previous) as previous_holder`,
      [projection, this.holder, this.options.ttlMs],
    );
    if (!row) return null;
    const fence = toNumber(row.fence);
    this.options.onHandover?.({ projection, fence, holder: this.holder, previousHolder: row.previous_holder });
    return this.hold(projection, fence, sentAt + this.options.ttlMs);
  }

  private hold(projection: string, fence: number, firstDeadline: number): HeldLease {
    let deadline = firstDeadline;
    let lose!: () => void;
    let isLost = false;
    const lost = new Promise<void>((resolve) => (lose = () => ((isLost = true), resolve())));
    const renew = async () => {
      const sentAt = performance.now();
      const renewed = await this.db
        .query(
          `update projection_leases set expires_at = clock_timestamp() + $3 * interval '1 millisecond'
           where projection = $1 and fence = $2 returning fence`,
          [projection, fence, this.options.ttlMs],
        )
        .then(
          (rows) => rows.length > 0,
          () => null,
        );
      if (renewed === false) lose();
      if (renewed) deadline = sentAt + this.options.ttlMs;
    };
    const renewal = setInterval(() => {
      if (performance.now() >= deadline) lose();
      else void renew();
    }, this.options.ttlMs / 4);
    void lost.then(() => clearInterval(renewal));
    return {
      fence,
      lost,
      isValid: () => !isLost && performance.now() < deadline,
      release: async () => {
        lose();
        await this.db
          .query('delete from projection_leases where projection = $1 and fence = $2', [projection, fence])
          .catch(() => undefined);
      },
    };
  }
}
