export * from './read-model-store.port';
export * from './projection-lease.port';
export * from './projection';
export * from './projection-runner';
export * from './postgres/postgres-read-models';
export * from './postgres/postgres-projection-lease';
export * from './in-memory/in-memory-read-models';
export * from './in-memory/in-memory-projection-lease';
