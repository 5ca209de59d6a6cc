import { Client, Pool, type PoolClient } from 'pg';
import type { NotificationListener, QueryOptions, SqlDatabase, SqlExecutor, SqlSession } from './sql-database.port';

function executorOf(client: Pool | PoolClient | Client): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      const result = await client.query({ text: sql, values: params as unknown[], name: options.prepare });
      return result.rows as Row[];
    },
  };
}

async function inTransaction<T>(client: PoolClient, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    const result = await work(executorOf(client));
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/** node-postgres over a PostgreSQL server: a pool for work, one dedicated client for LISTEN. */
export class PostgresDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private listenerClient?: Promise<Client>;
  private readonly listeners = new Map<string, Set<NotificationListener>>();

  /** `applicationName` names service and process in pg_stat_activity, for an SRE looking for a blocking backend. */
  constructor(
    private readonly connectionString: string,
    poolSize = 10,
    private readonly applicationName = `privacy-ledger pid ${process.pid}`,
  ) {
    this.pool = new Pool({ connectionString, max: poolSize, application_name: applicationName });
    this.pool.on('error', () => undefined);
  }

  query<Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]> {
    return executorOf(this.pool).query<Row>(sql, params, options);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.withClient((client) => inTransaction(client, work));
  }

  withConnection<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.withClient((client) => work({ ...executorOf(client), transaction: (inner) => inTransaction(client, inner) }));
  }

  async listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>> {
    const client = await this.listeningClient();
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await client.query(`listen "${channel}"`);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query('select pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    const listener = this.listenerClient;
    this.listenerClient = undefined;
    if (listener) await (await listener).end().catch(() => undefined);
    await this.pool.end();
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection that dies while checked out surfaces as a failed query; its 'error' event must not crash the process.
    const ignore = () => undefined;
    client.on('error', ignore);
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (error) {
      // A failed connection (terminated, reset) must not go back to the pool.
      client.release(error instanceof Error ? error : true);
      throw error;
    } finally {
      client.off('error', ignore);
    }
  }

  private listeningClient(): Promise<Client> {
    this.listenerClient ??= (async () => {
      const client = new Client({ connectionString: this.connectionString, application_name: this.applicationName });
      client.on('error', () => undefined);
      client.on('notification', (message) => {
        for (const listener of this.listeners.get(message.channel) ?? []) listener(message.payload ?? '');
      });
      await client.connect();
      return client;
    })();
    return this.listenerClient;
  }
}
