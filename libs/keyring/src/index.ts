export * from './keyring.port';
export * from './sql-keyring';
export * from './sql-unique-claims';
export * from './in-memory-keyring';
export * from './errors';
export * from './blind-index';
export * from './key-encryption-keys';
export { subjectOf } from './envelope';
