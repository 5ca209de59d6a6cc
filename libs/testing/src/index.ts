export * from './test-databases';
export * from './decider-spec';
export * from './service-process';
export * from './http-client';
export * from './canaries';
export * from './outbox';
export * from './signing-key';
export * from './eventually';
