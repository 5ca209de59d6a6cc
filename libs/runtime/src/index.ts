export * from './compose';
export * from './serve';
export * from './data-dir-lock';
