export * from './compose';
export * from './compose-in-memory';
export * from './serve';
export * from './data-dir-lock';
export * from './service-spec';
export * from './http-edge-spec';
