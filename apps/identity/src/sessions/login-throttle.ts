import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { migrate, toNumber } from '@privacy-ledger/sql';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import { USERNAME_SCOPE } from './credentials';

const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 15 * 60;

/**
 * Slows repeated failures per user name: after five, each further failure locks that name for twice as
 * long (up to 15 minutes). Keyed by the blind-index token, so it reveals nothing about whether the name exists,
 * and shared by every identity process through the database.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async onModuleInit(): Promise<void> {
    await migrate(this.platform.db, 'identity-login-throttle', [
      `create table if not exists identity_login_throttle (
         token text primary key,
         failures integer not null,
         locked_until timestamptz
       )`,
    ]);
  }

  /** Seconds until the next attempt is allowed, or 0. */
  async retryAfter(username: string): Promise<number> {
    const [row] = await this.platform.db.query<{ wait: unknown }>(
      `select greatest(0, ceil(extract(epoch from locked_until - now()))) as wait from identity_login_throttle where token = $1`,
      [this.token(username)],
    );
    return row ? toNumber(row.wait) : 0;
  }

  async failed(username: string): Promise<void> {
    await this.platform.db.query(
      `insert into identity_login_throttle (token, failures) values ($1, 1)
       on conflict (token) do update set failures = identity_login_throttle.failures + 1,
         locked_until = case when identity_login_throttle.failures + 1 > $2
           then now() + make_interval(secs => least($3, power(2, identity_login_throttle.failures + 1 - $2)))
           else null end`,
      [this.token(username), FREE_FAILURES, MAX_LOCK_SECONDS],
    );
  }

  async succeeded(username: string): Promise<void> {
    await this.platform.db.query('delete from identity_login_throttle where token = $1', [this.token(username)]);
  }

  private token(username: string): string {
    return this.platform.blindIndex.token(`${USERNAME_SCOPE}:throttle`, username);
  }
}
