export * from './read-model-store.port';
export * from './projection';
export * from './projection-runner';
export * from './postgres/postgres-read-models';
