export const READ_MODEL_SCHEMA = [
  `create table if not exists read_models (
     collection text not null,
     id text not null,
     document jsonb not null,
     primary key (collection, id)
   )`,
  `alter table read_models add column if not exists position bigint not null default 0`,
  `create table if not exists projection_checkpoints (
     projection text primary key,
     position bigint not null,
     fence bigint not null default 0,
     updated_at timestamptz not null default now()
   )`,
];

export const PROJECTION_LEASE_SCHEMA = [
  `create sequence if not exists projection_lease_fences`,
  `create table if not exists projection_leases (
     projection text primary key,
     holder text not null,
     fence bigint not null,
     expires_at timestamptz not null
   )`,
];
