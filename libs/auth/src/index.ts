export * from './principal';
export * from './access-token-verifier';
export * from './access.decorators';
export * from './access.guard';
export * from './session-revocations';
