import { migrate, toNumber, type SqlDatabase, type SqlSession } from '@privacy-ledger/sql';
import type { HeldLease, ProjectionLease } from '../projection-lease.port';
import { PROJECTION_LEASE_SCHEMA } from './read-model-schema';

const HEARTBEAT_MS = 1000;

class LeaseConnectionLostError extends Error {
  override readonly name = 'LeaseConnectionLostError';
}

/**
 * A session advisory lock on a connection of its own: if the connection dies, the lock goes with it, the
 * heartbeat notices, and another process takes over with a higher fence.
 */
export class PostgresProjectionLease implements ProjectionLease {
  private constructor(private readonly db: SqlDatabase) {}

  static async create(db: SqlDatabase): Promise<PostgresProjectionLease> {
    await migrate(db, 'projection-lease', PROJECTION_LEASE_SCHEMA);
    return new PostgresProjectionLease(db);
  }

  tryAcquire(projection: string): Promise<HeldLease | null> {
    const lock = `privacy-ledger:projection:${projection}`;
    return new Promise<HeldLease | null>((resolve, reject) => {
      const ended: Promise<void> = this.db.withConnection(async (session) => {
        const [{ acquired }] = await session.query<{ acquired: boolean }>('select pg_try_advisory_lock(hashtext($1)) as acquired', [lock]);
        if (!acquired) return resolve(null);
        try {
          const [{ fence }] = await session.query<{ fence: unknown }>(`select nextval('projection_lease_fences') as fence`);
          await this.hold(session, toNumber(fence), (lost, release) =>
            resolve({ fence: toNumber(fence), lost, release: async () => (release(), await ended.catch(() => undefined)) }),
          );
        } finally {
          await session.query('select pg_advisory_unlock(hashtext($1))', [lock]).catch(() => undefined);
        }
      });
      ended.catch(reject);
    });
  }

  /**
   * Keeps the connection, and so the lock, until the holder releases it; a failed heartbeat throws, so
   * the broken connection never goes back to the pool.
   */
  private async hold(session: SqlSession, fence: number, handOver: (lost: Promise<void>, release: () => void) => void): Promise<void> {
    let release!: () => void;
    const released = new Promise<'released'>((resolve) => (release = () => resolve('released')));
    let lose!: () => void;
    const lost = new Promise<void>((resolve) => (lose = resolve));
    const heartbeat = setInterval(() => session.query('select 1').catch(lose), HEARTBEAT_MS);
    handOver(lost, release);
    try {
      const outcome = await Promise.race([released, lost.then(() => 'lost' as const)]);
      if (outcome === 'lost') throw new LeaseConnectionLostError(`lease of fence ${fence}: the connection was lost`);
    } finally {
      clearInterval(heartbeat);
      lose();
    }
  }
}
