export * from './identity/account-opened';
export * from './identity/primary-contact-submitted';
export * from './retention/account-erasure';
