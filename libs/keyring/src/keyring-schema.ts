/**
 * A data key row names its owner (the service whose KEK wraps it) and the epoch it is wrapped to; the
 * foreign key to the live epochs is what stops an epoch from closing while a key is still wrapped to it.
 */
export const KEYRING_SCHEMA = [
  `create table if not exists keyring_epochs (
     owner text not null,
     epoch integer not null,
     public_key bytea not null,
     opened_at timestamptz not null default now(),
     primary key (owner, epoch)
   )`,
  `create table if not exists keyring_closed_epochs (
     owner text not null,
     epoch integer not null,
     opened_at timestamptz not null,
     closed_at timestamptz not null default now(),
     erasures integer not null,
     primary key (owner, epoch)
   )`,
  `create table if not exists keyring_data_keys (
     subject_id text primary key,
     owner text not null,
     account_id text not null,
     epoch integer,
     wrapped_key bytea,
     created_at timestamptz not null default now(),
     destroyed_at timestamptz,
     erased_in_epoch integer,
     check ((wrapped_key is null) = (destroyed_at is not null)),
     check ((wrapped_key is null) = (epoch is null)),
     foreign key (owner, epoch) references keyring_epochs (owner, epoch)
   )`,
  `create index if not exists keyring_data_keys_by_account on keyring_data_keys (account_id)`,
  `create index if not exists keyring_data_keys_by_epoch on keyring_data_keys (owner, epoch) where wrapped_key is not null`,
  `create index if not exists keyring_data_keys_by_erasure on keyring_data_keys (owner, erased_in_epoch) where erased_in_epoch is not null`,
  `create table if not exists keyring_erased_accounts (
     account_id text primary key,
     erased_at timestamptz not null default now()
   )`,
  `create table if not exists keyring_blind_index (
     scope text not null,
     token text not null,
     subject_id text not null,
     account_id text not null,
     primary key (scope, token)
   )`,
  `create index if not exists keyring_blind_index_by_account on keyring_blind_index (account_id)`,
  `create index if not exists keyring_blind_index_by_subject on keyring_blind_index (scope, subject_id)`,
  `create table if not exists keyring_blind_lookup (
     scope text not null,
     token text not null,
     subject_id text not null,
     account_id text not null,
     primary key (scope, subject_id)
   )`,
  `create index if not exists keyring_blind_lookup_by_token on keyring_blind_lookup (scope, token)`,
  `create index if not exists keyring_blind_lookup_by_account on keyring_blind_lookup (account_id)`,
  // Tokens under a key of the owner's epoch, and the value sealed under the subject's key, to move them to the next
  // epoch's; entries from before have none of the three, and move when next looked up.
  ...['keyring_blind_index', 'keyring_blind_lookup'].flatMap((table) => [
    `alter table ${table} add column if not exists owner text`,
    `alter table ${table} add column if not exists epoch integer`,
    `alter table ${table} add column if not exists sealed bytea`,
    `create index if not exists ${table}_by_epoch on ${table} (owner, epoch)`,
  ]),
];
