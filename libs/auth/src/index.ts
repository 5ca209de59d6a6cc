export * from './principal';
export * from './access-token-verifier';
export * from './access.decorators';
export * from './access.guard';
export * from './session-revocations';
export * from './attempt-throttle.port';
export * from './sql-attempt-throttle';
export * from './in-memory-attempt-throttle';
