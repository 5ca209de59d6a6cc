/** The smallest surface every store in this workspace needs from PostgreSQL, whichever driver runs it. */
export interface QueryOptions {
  /**
   * Keeps the statement prepared under this name on each connection, so a hot statement is planned
   * once, not per call. One name must always stand for the same SQL. Drivers without it ignore it.
   */
  readonly prepare?: string;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
}

export type NotificationListener = (payload: string) => void;

export interface SqlSession extends SqlExecutor {
  /** Runs `work` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export interface SqlDatabase extends SqlSession {
  /**
   * Holds one connection for as long as `work` runs, so session-level advisory locks and the
   * transactions that rely on them share it; if the connection dies, its locks go with it.
   */
  withConnection<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

export const UNIQUE_VIOLATION = '23505';
export const LOCK_NOT_AVAILABLE = '55P03';
export const FOREIGN_KEY_VIOLATION = '23503';

export function sqlErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** int8 and xid8 arrive as strings from node-postgres and as numbers from PGlite. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new TypeError('expected a bytea value');
}
