export * from './keyring';
export * from './errors';
export * from './blind-index';
export * from './key-encryption-keys';
export { subjectOf } from './envelope';
