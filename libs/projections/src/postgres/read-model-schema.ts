export const READ_MODEL_SCHEMA = [
  `create table if not exists read_models (
     collection text not null,
     id text not null,
     document jsonb not null,
     primary key (collection, id)
   )`,
  `create table if not exists projection_checkpoints (
     projection text primary key,
     commit_position bigint not null,
     sequence_position bigint not null,
     updated_at timestamptz not null default now()
   )`,
  `alter table projection_checkpoints add column if not exists fence bigint not null default 0`,
];

export const PROJECTION_LEASE_SCHEMA = [`create sequence if not exists projection_lease_fences`];
