import {
  LOCK_NOT_AVAILABLE,
  migrate,
  sqlErrorCode,
  toBytes,
  toNumber,
  UNIQUE_VIOLATION,
  type SqlDatabase,
  type SqlExecutor,
} from '@privacy-ledger/sql';
import { AppendSignal } from '../catch-up-subscription';
import { EventIdConflictError, PositionsBlockedError, WrongExpectedRevisionError } from '../errors';
import {
  START,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { GENESIS_HASH, sealEvents, type SealedEvent } from '../hash-chain';
import { LEDGER_SCHEMA, POSITION_LOCK } from './ledger-schema';

interface EventRow {
  position: unknown;
  stream_id: string;
  revision: unknown;
  event_id: string;
  type: string;
  schema_version: unknown;
  data: string;
  personal: unknown;
  metadata: string;
  previous_hash: string;
  hash: string;
}

const EVENT_COLUMNS = `position, stream_id, revision, event_id::text as event_id,
  type, schema_version, data, personal, metadata, previous_hash, hash`;

const MAX_HEAD_RACES = 20;
const MAX_CACHED_HEADS = 10_000;

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: toNumber(row.revision),
    eventId: row.event_id,
    type: row.type,
    schemaVersion: toNumber(row.schema_version),
    data: JSON.parse(row.data),
    personal: row.personal === null ? null : toBytes(row.personal),
    metadata: JSON.parse(row.metadata),
    position: toNumber(row.position),
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

interface StreamHead {
  revision: number;
  hash: string;
  exists: boolean;
}

/** One SQL implementation of the event store, over node-postgres or PGlite alike. */
export class PostgresEventStore implements EventStore {
  private readonly heads = new Map<string, StreamHead>();

  /** A test may pass a connection that holds a transaction open. */
  constructor(
    private readonly executor: SqlExecutor,
    private readonly appends = new AppendSignal(),
  ) {}

  /**
   * The same store inside a caller's transaction, so an append commits or rolls back with the caller's
   * other writes; this store's subscribers still hear of it.
   */
  within(transaction: SqlExecutor): PostgresEventStore {
    return new PostgresEventStore(transaction, this.appends);
  }

  static async create(db: SqlDatabase): Promise<PostgresEventStore> {
    await migrate(db, 'ledger', LEDGER_SCHEMA);
    return new PostgresEventStore(db);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    for (let attempt = 0; attempt < MAX_HEAD_RACES; attempt++) {
      let head = this.heads.get(streamId) ?? (await this.readHead(streamId));
      if (this.mismatch(head, expectedRevision) !== null && this.heads.has(streamId)) head = await this.readHead(streamId);
      const mismatch = this.mismatch(head, expectedRevision);
      if (mismatch !== null) return this.refuse(streamId, events, expectedRevision, mismatch);
      const sealed = sealEvents(streamId, head, events);
      const written = await this.insertAtHead(sealed);
      if (written) {
        const last = sealed[sealed.length - 1];
        this.rememberHead(streamId, { revision: last.revision, hash: last.hash, exists: true });
        this.appends.appended();
        return written;
      }
      this.heads.delete(streamId);
      if (typeof expectedRevision === 'number' || expectedRevision === 'no_stream') {
        const actual = await this.readHead(streamId);
        return this.refuse(streamId, events, expectedRevision, actual.exists ? actual.revision : 'no_stream');
      }
    }
    throw new WrongExpectedRevisionError(streamId, expectedRevision, (await this.readHead(streamId)).revision);
  }

  /** A revision mismatch is an error, unless these very events were stored already (a retried append). */
  private async refuse(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    actual: number | 'no_stream',
  ): Promise<AppendResult> {
    const stored = await this.storedAlready(streamId, events);
    if (stored === null) throw new WrongExpectedRevisionError(streamId, expected, actual);
    return stored;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 2 ** 31 - 1 : 0);
    const rows = await this.executor.query<EventRow>(
      `select ${EVENT_COLUMNS} from ledger_events
       where stream_id = $1 and revision ${backwards ? '<=' : '>='} $2
       order by revision ${backwards ? 'desc' : 'asc'} limit $3`,
      [streamId, from, options.maxCount ?? 2 ** 31 - 1],
    );
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    await this.headPosition();
    const rows = await this.executor.query<EventRow>(
      `select ${EVENT_COLUMNS} from ledger_events where position > $1 order by position limit $2`,
      [options.after ?? START, options.maxCount ?? 1000],
      { prepare: 'ledger_read_all' },
    );
    return rows.map(toRecorded);
  }

  /** Gives positions to the events committed since the last call, and returns the last one. */
  async headPosition(): Promise<Position> {
    try {
      const [row] = await this.executor.query<{ head: unknown }>('select ledger_assign_positions() as head', [], {
        prepare: 'ledger_assign_positions',
      });
      return toNumber(row.head);
    } catch (error) {
      if (sqlErrorCode(error) === LOCK_NOT_AVAILABLE) throw new PositionsBlockedError(await this.positionLockHolder());
      throw error;
    }
  }

  private async positionLockHolder(): Promise<string> {
    const [holder] = await this.executor.query<{ pid: number; application_name: string; seconds: unknown }>(
      `select a.pid, a.application_name, round(extract(epoch from clock_timestamp() - a.xact_start)) as seconds
       from pg_locks l join pg_stat_activity a on a.pid = l.pid
       where l.locktype = 'advisory' and l.granted and l.classid = $1 and l.objid = $2 and l.objsubid = 2`,
      [POSITION_LOCK.classid, POSITION_LOCK.objid],
    );
    return holder
      ? `pid ${holder.pid} (${holder.application_name || 'no application_name'}), in its transaction for ${holder.seconds} s`
      : 'gone';
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.appends.subscribe(this, options);
  }

  /** Reads the stream as an auditor would: the exact stored bytes the hashes cover. */
  async readSealed(streamId: string): Promise<SealedEvent[]> {
    const rows = await this.executor.query<EventRow>(`select ${EVENT_COLUMNS} from ledger_events where stream_id = $1 order by revision`, [
      streamId,
    ]);
    return rows.map((row) => ({
      streamId: row.stream_id,
      revision: toNumber(row.revision),
      eventId: row.event_id,
      type: row.type,
      schemaVersion: toNumber(row.schema_version),
      data: row.data,
      personal: row.personal === null ? null : toBytes(row.personal),
      metadata: row.metadata,
      previousHash: row.previous_hash,
      hash: row.hash,
    }));
  }

  /**
   * Heads this process wrote last, so an append usually costs one round trip. A stale head (another
   * process appended meanwhile) only makes the conditional write miss, and the head is read again.
   */
  private rememberHead(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > MAX_CACHED_HEADS) this.heads.delete(this.heads.keys().next().value!);
  }

  private async readHead(streamId: string): Promise<StreamHead> {
    const [row] = await this.executor.query<{ revision: unknown; hash: string }>(
      'select revision, hash from ledger_events where stream_id = $1 order by revision desc limit 1',
      [streamId],
      { prepare: 'ledger_read_head' },
    );
    return row ? { revision: toNumber(row.revision), hash: row.hash, exists: true } : { revision: -1, hash: GENESIS_HASH, exists: false };
  }

  private mismatch(head: StreamHead, expected: ExpectedRevision): number | 'no_stream' | null {
    const actual = head.exists ? head.revision : 'no_stream';
    if (expected === 'any') return null;
    if (expected === 'no_stream') return head.exists ? actual : null;
    if (expected === 'stream_exists') return head.exists ? null : actual;
    return head.exists && head.revision === expected ? null : actual;
  }

  /**
   * One prepared INSERT, one round trip, no explicit transaction. If another writer chained onto the same
   * head first, the unique (stream, revision) key refuses the whole statement and null says so.
   */
  private async insertAtHead(sealed: SealedEvent[]): Promise<AppendResult | null> {
    const last = sealed[sealed.length - 1];
    const params: unknown[] = [last.streamId];
    const values = sealed.map((event) => {
      const at = params.length;
      params.push(
        event.revision,
        event.eventId,
        event.type,
        event.schemaVersion,
        event.data,
        event.personal,
        event.metadata,
        event.previousHash,
        event.hash,
      );
      const p = (offset: number) => `$${at + offset}`;
      return `($1, ${p(1)}::integer, ${p(2)}::uuid, ${p(3)}, ${p(4)}::integer, ${p(5)}, ${p(6)}::bytea, ${p(7)}, ${p(8)}, ${p(9)})`;
    });
    try {
      await this.executor.query(
        `insert into ledger_events (stream_id, revision, event_id, type, schema_version, data, personal, metadata, previous_hash, hash)
         values ${values.join(', ')}`,
        params,
        { prepare: `ledger_append_${sealed.length}` },
      );
      return { nextExpectedRevision: last.revision };
    } catch (error) {
      if (sqlErrorCode(error) !== UNIQUE_VIOLATION) throw error;
      return this.storedAlready(last.streamId, sealed);
    }
  }

  /**
   * The same append retried (same event ids, same stream, same order) succeeds and stores nothing twice;
   * null when none of these events is stored; event ids used elsewhere are a conflict.
   */
  private async storedAlready(streamId: string, events: readonly { eventId: string }[]): Promise<AppendResult | null> {
    const ids = events.map((event) => event.eventId);
    const rows = await this.executor.query<{ stream_id: string; revision: unknown; event_id: string }>(
      `select stream_id, revision, event_id::text as event_id
       from ledger_events where event_id in (${ids.map((_, i) => `$${i + 1}::uuid`).join(', ')}) order by revision`,
      ids,
    );
    if (rows.length === 0) return null;
    const sameAppend =
      rows.length === ids.length &&
      rows.every(
        (row, index) =>
          row.stream_id === streamId &&
          row.event_id === ids[index] &&
          (index === 0 || toNumber(row.revision) === toNumber(rows[index - 1].revision) + 1),
      );
    if (!sameAppend) throw new EventIdConflictError(streamId);
    return { nextExpectedRevision: toNumber(rows[rows.length - 1].revision) };
  }
}
