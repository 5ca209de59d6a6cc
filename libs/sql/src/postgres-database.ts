import { Client, Pool, type PoolClient } from 'pg';
import type { NotificationListener, SqlDatabase, SqlExecutor } from './sql-database.port';

function executorOf(client: Pool | PoolClient | Client): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
  };
}

/** node-postgres over a PostgreSQL server: a pool for work, one dedicated client for LISTEN. */
export class PostgresDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private listenerClient?: Promise<Client>;
  private readonly listeners = new Map<string, Set<NotificationListener>>();

  constructor(private readonly connectionString: string, poolSize = 10) {
    this.pool = new Pool({ connectionString, max: poolSize });
    this.pool.on('error', () => undefined);
  }

  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return executorOf(this.pool).query<Row>(sql, params);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('begin');
      try {
        const result = await work(executorOf(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    });
  }

  withConnection<T>(work: (connection: SqlExecutor) => Promise<T>): Promise<T> {
    return this.withClient((client) => work(executorOf(client)));
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
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  private listeningClient(): Promise<Client> {
    this.listenerClient ??= (async () => {
      const client = new Client({ connectionString: this.connectionString });
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
