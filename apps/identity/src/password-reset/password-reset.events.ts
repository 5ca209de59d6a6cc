import type { DomainEvent } from '@privacy-ledger/ledger';

/** The token itself is mailed and never stored: the ledger keeps its hash. */
export type PasswordResetRequested = DomainEvent<
  'PasswordResetRequested',
  { principalId: string; principalKind: 'customer' | 'staff'; tokenHash: string; expiresAt: string; requestedAt: string },
  null
>;
export type PasswordResetCompleted = DomainEvent<'PasswordResetCompleted', { principalId: string; completedAt: string }, null>;

export type PasswordResetEvent = PasswordResetRequested | PasswordResetCompleted;

export const passwordResetStream = (principalId: string) => `password-resets-${principalId}`;
