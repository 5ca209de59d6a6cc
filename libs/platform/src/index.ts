export * from './runtime-config';
export * from './platform';
export * from './logger';
export * from './data-dir-lock';
export * from './development-secrets';
export * from './configure-http';
export * from './http-error.filter';
export * from './serve';
