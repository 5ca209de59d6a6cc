export * from './ledger-message';
export * from './kafka-connection';
export * from './kafka-relay';
export * from './subscribe';
export * from './stream-positions';
