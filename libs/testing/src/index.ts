export * from './test-databases';
export * from './decider-spec';
