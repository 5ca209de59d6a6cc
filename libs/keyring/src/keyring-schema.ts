export const KEYRING_SCHEMA = [
  `create table if not exists keyring_keys (
     subject_id text primary key,
     account_id text not null,
     epoch integer,
     wrapped_key bytea,
     created_at timestamptz not null default now(),
     destroyed_at timestamptz,
     check ((wrapped_key is null) = (destroyed_at is not null))
   )`,
  `create index if not exists keyring_keys_by_account on keyring_keys (account_id)`,
  `create index if not exists keyring_keys_by_epoch on keyring_keys (epoch) where wrapped_key is not null`,
  `create table if not exists keyring_erased_accounts (
     account_id text primary key,
     erased_at timestamptz not null default now()
   )`,
  `create table if not exists keyring_retired_epochs (
     epoch integer primary key,
     retired_at timestamptz not null default now()
   )`,
  `create table if not exists keyring_blind_index (
     scope text not null,
     token text not null,
     subject_id text not null,
     account_id text not null,
     primary key (scope, token)
   )`,
  `create index if not exists keyring_blind_index_by_account on keyring_blind_index (account_id)`,
  `create table if not exists keyring_blind_lookup (
     scope text not null,
     token text not null,
     subject_id text not null,
     account_id text not null,
     primary key (scope, subject_id)
   )`,
  `create index if not exists keyring_blind_lookup_by_token on keyring_blind_lookup (scope, token)`,
  `create index if not exists keyring_blind_lookup_by_account on keyring_blind_lookup (account_id)`,
];
