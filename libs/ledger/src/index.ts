export * from './event-store.port';
export * from './errors';
export * from './hash-chain';
export * from './catch-up-subscription';
export * from './postgres/postgres-event-store';
export * from './new-event';
