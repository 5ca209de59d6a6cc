/**
 * One lock for the whole ledger: positions are given by one transaction at a time. Two int4 keys, so that
 * pg_locks shows it as (classid, objid, objsubid) = (these, 2) when looking for its holder.
 */
export const POSITION_LOCK = { classid: 1_819_042_660, objid: 1 };
/** How long a reader waits for the lock before it reports who holds it. */
export const POSITION_LOCK_TIMEOUT = '5s';

export const LEDGER_SCHEMA = [
  `create table if not exists ledger_events (
     sequence bigserial primary key,
     -- Null until the event's transaction has committed and the next reader or head query gives it one.
     position bigint,
     stream_id text not null,
     revision integer not null,
     event_id uuid not null unique,
     type text not null,
     schema_version integer not null,
     data text not null,
     personal bytea,
     metadata text not null,
     previous_hash text not null,
     hash text not null,
     -- The only guard appends need: two writers chaining onto the same head collide here, whichever
     -- commits second fails, and no lock is held across streams.
     unique (stream_id, revision)
   )`,
  `alter table ledger_events add column if not exists position bigint`,
  // A ledger from before positions ordered by transaction id: its events keep that order, and the
  // checkpoints beside it (same database) move to the position of the event they had reached.
  `do $$ begin
     if exists (select 1 from information_schema.columns where table_name = 'ledger_events' and column_name = 'transaction_id') then
       update ledger_events e set position = o.n
         from (select sequence, row_number() over (order by transaction_id, sequence) as n from ledger_events) o
         where e.sequence = o.sequence;
       if exists (select 1 from information_schema.columns
                  where table_name = 'projection_checkpoints' and column_name = 'commit_position') then
         alter table projection_checkpoints add column if not exists position bigint not null default 0;
         update projection_checkpoints c set position = coalesce((select max(e.position) from ledger_events e
           where (e.transaction_id, e.sequence) <= (c.commit_position::text::xid8, c.sequence_position)), 0);
         alter table projection_checkpoints drop column commit_position, drop column sequence_position;
       end if;
       alter table ledger_events drop column transaction_id;
     end if;
   end $$`,
  `create unique index if not exists ledger_events_position on ledger_events (position)`,
  `create index if not exists ledger_events_unpositioned on ledger_events (sequence) where position is null`,
  // Sequences are not carried by logical replication: after a move the next insert must not reuse one.
  `do $$ declare
     numbers regclass := pg_get_serial_sequence('ledger_events', 'sequence');
     highest bigint := (select max(sequence) from ledger_events);
   begin
     if highest > coalesce(pg_sequence_last_value(numbers), 0) then perform setval(numbers, highest); end if;
   end $$`,
  /*
   * Gives the next positions, in order of insertion, to every committed event that has none. One caller at
   * a time (the lock), each statement of a plpgsql function with a fresh snapshot, so the head it starts
   * from is the one the previous caller committed. Because positions are given after commit, a long
   * transaction delays only its own events, and a reader can never pass an event that commits later.
   * Positions are derived again if a crash loses them, so they are committed without waiting for disk:
   * a reader's checkpoint, written later, flushes them along with it.
   */
  `create or replace function ledger_assign_positions() returns bigint language plpgsql volatile as $$
   declare
     head bigint;
     assigned bigint;
   begin
     perform set_config('lock_timeout', '${POSITION_LOCK_TIMEOUT}', true);
     perform pg_advisory_xact_lock(${POSITION_LOCK.classid}, ${POSITION_LOCK.objid});
     perform set_config('synchronous_commit', 'off', true);
     select coalesce(max(position), 0) into head from ledger_events;
     update ledger_events e set position = head + pending.n
       from (select sequence, row_number() over (order by sequence) as n from ledger_events where position is null) pending
       where e.sequence = pending.sequence;
     get diagnostics assigned = row_count;
     return head + assigned;
   end $$`,
];
