export const LEDGER_SCHEMA = [
  `create table if not exists ledger_events (
     sequence bigserial primary key,
     transaction_id xid8 not null default pg_current_xact_id(),
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
  `create index if not exists ledger_events_commit_order on ledger_events (transaction_id, sequence)`,
];
