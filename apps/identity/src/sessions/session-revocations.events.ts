import type { DomainEvent } from '@privacy-ledger/ledger';

/** Every session of the principal started before `revokedBefore` ended, e.g. by the password reset `cause`. */
export type SessionsRevoked = DomainEvent<
  'SessionsRevoked',
  { principalId: string; revokedBefore: string; reason: 'password-reset'; cause: string },
  null
>;
