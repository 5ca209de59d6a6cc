export * from './identity/account-opened';
