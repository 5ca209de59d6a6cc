import type { Clock } from '@privacy-ledger/clock';
import { migrate, toNumber, type SqlDatabase } from '@privacy-ledger/sql';
import { keyWithin, MAX_LOCK_SECONDS, type AttemptLimit, type AttemptThrottle, type Reservation } from './attempt-throttle.port';

// $1 key, $2 now (ms), $3 free tries, $4 window (ms), $5 longest lock (s): the rule of `lockSeconds`, in SQL.
const NOW = '$2::bigint';
const lockedUntil = (tries: string, windowStart: string) =>
  `least(${NOW} + (case when ${tries} >= $3::int then least($5::int, power(2, ${tries} - $3::int + 1)) else 0 end * 1000)::bigint,
         ${windowStart} + $4::bigint)`;
const WINDOW_OVER = `${NOW} >= t.window_started_ms + $4::bigint`;
const NEXT_TRIES = `case when ${WINDOW_OVER} then 1 else t.tries + 1 end`;
const NEXT_START = `case when ${WINDOW_OVER} then ${NOW} else t.window_started_ms end`;
const WINDOW_END = (start: string) => `${start} + $4::bigint`;

/**
 * The throttle in one table, so every process of a service shares it. Keys are opaque tokens, never user
 * names or addresses. A reservation is one upsert whose update applies only while the key is not locked:
 * PostgreSQL serialises parallel upserts of one row, and each sees the count and lock the previous one left.
 */
export class SqlAttemptThrottle implements AttemptThrottle {
  private constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  static async create(db: SqlDatabase, clock: Clock): Promise<SqlAttemptThrottle> {
    await migrate(db, 'auth-attempt-throttle', [
      // Its rows counted failures after the fact, which let parallel tries through; nothing in it is worth keeping.
      'drop table if exists identity_login_throttle',
      `create table if not exists auth_attempt_throttle (
         token text primary key,
         window_started_ms bigint not null,
         tries integer not null,
         locked_until_ms bigint not null
       )`,
      // Rows of an older version, without it, count as over: the next try under them starts afresh.
      'alter table auth_attempt_throttle add column if not exists window_ends_ms bigint not null default 0',
    ]);
    return new SqlAttemptThrottle(db, clock);
  }

  async reserve(key: string, limit: AttemptLimit): Promise<Reservation> {
    const params = [key, this.clock.now().getTime(), limit.freeTries, limit.windowSeconds * 1000, MAX_LOCK_SECONDS];
    const reserved = await this.db.query(
      `insert into auth_attempt_throttle as t (token, window_started_ms, window_ends_ms, tries, locked_until_ms)
       values ($1, ${NOW}, ${WINDOW_END(NOW)}, 1, ${lockedUntil('1', NOW)})
       on conflict (token) do update set
         window_started_ms = ${NEXT_START}, window_ends_ms = ${WINDOW_END(NEXT_START)}, tries = ${NEXT_TRIES},
         locked_until_ms = ${lockedUntil(NEXT_TRIES, NEXT_START)}
       where t.locked_until_ms <= ${NOW}
       returning tries`,
      params,
    );
    if (reserved.length > 0) return { reserved: true };
    const [row] = await this.db.query<{ wait: unknown }>(
      'select ceil((locked_until_ms - $2::bigint) / 1000.0) as wait from auth_attempt_throttle where token = $1',
      params.slice(0, 2),
    );
    // The lock may have been lifted since the upsert saw it: a second is the shortest honest answer.
    return { reserved: false, retryAfterSeconds: Math.max(1, row ? toNumber(row.wait) : 0) };
  }

  async release(key: string, limit: AttemptLimit): Promise<void> {
    await this.db.query(
      `update auth_attempt_throttle set tries = greatest(0, tries - 1),
         locked_until_ms = case when tries - 1 < $2::int then 0 else locked_until_ms end
       where token = $1`,
      [key, limit.freeTries],
    );
  }

  async clear(key: string): Promise<void> {
    await this.db.query('delete from auth_attempt_throttle where token = $1', [key]);
  }

  async forgetAll(key: string): Promise<void> {
    await this.db.query('delete from auth_attempt_throttle where token = $1 or left(token, length($2)) = $2', [key, keyWithin(key, '')]);
  }

  async forgetExpired(): Promise<number> {
    const [{ forgotten }] = await this.db.query<{ forgotten: unknown }>(
      'with gone as (delete from auth_attempt_throttle where window_ends_ms <= $1 returning 1) select count(*) as forgotten from gone',
      [this.clock.now().getTime()],
    );
    return toNumber(forgotten);
  }

  /** And writes the table anew, so that the forgotten rows leave its files (a small table: the lock is short). */
  async forgetAllBut(kept: readonly string[]): Promise<void> {
    await this.db.query(
      'delete from auth_attempt_throttle where not exists (select 1 from unnest($1::text[]) p where left(token, length(p)) = p)',
      [[...kept]],
    );
    await this.db.query('vacuum full auth_attempt_throttle');
  }
}
