export { type Platform } from '@privacy-ledger/platform';
export const PLATFORM = Symbol('Platform');
