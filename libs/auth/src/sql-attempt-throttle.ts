import { migrate, toNumber, type SqlDatabase } from '@privacy-ledger/sql';
import { FREE_FAILURES, MAX_LOCK_SECONDS, type AttemptThrottle } from './attempt-throttle.port';

/** The throttle in one table, so every process of a service shares it. Keys are opaque tokens, never user names. */
export class SqlAttemptThrottle implements AttemptThrottle {
  private constructor(private readonly db: SqlDatabase) {}

  static async create(db: SqlDatabase): Promise<SqlAttemptThrottle> {
    await migrate(db, 'auth-attempt-throttle', [
      `create table if not exists identity_login_throttle (
         token text primary key,
         failures integer not null,
         locked_until timestamptz
       )`,
    ]);
    return new SqlAttemptThrottle(db);
  }

  async retryAfter(key: string): Promise<number> {
    const [row] = await this.db.query<{ wait: unknown }>(
      `select greatest(0, ceil(extract(epoch from locked_until - now()))) as wait from identity_login_throttle where token = $1`,
      [key],
    );
    return row ? toNumber(row.wait) : 0;
  }

  async failed(key: string): Promise<void> {
    await this.db.query(
      `insert into identity_login_throttle (token, failures) values ($1, 1)
       on conflict (token) do update set failures = identity_login_throttle.failures + 1,
         locked_until = case when identity_login_throttle.failures + 1 > $2
           then now() + make_interval(secs => least($3, power(2, identity_login_throttle.failures + 1 - $2)))
           else null end`,
      [key, FREE_FAILURES, MAX_LOCK_SECONDS],
    );
  }

  async succeeded(key: string): Promise<void> {
    await this.db.query('delete from identity_login_throttle where token = $1', [key]);
  }
}
