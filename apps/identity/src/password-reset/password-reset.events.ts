import type { DomainEvent, Shredded } from '@privacy-ledger/ledger';
import type { PrincipalKind } from '../sessions/session.events';

/** The token itself is mailed and never stored: the ledger keeps its hash. */
export type PasswordResetRequested = DomainEvent<
  'PasswordResetRequested',
  { principalId: string; principalKind: PrincipalKind; resetId: string; tokenHash: string; expiresAt: string; requestedAt: string },
  null
>;
/** The new password's hash, sealed under the principal's own key; a reactor carries it to the credential's stream. */
export type PasswordResetCompleted = DomainEvent<
  'PasswordResetCompleted',
  { principalId: string; principalKind: PrincipalKind; resetId: string; completedAt: string },
  { passwordHash: string } | Shredded
>;

export type PasswordResetEvent = PasswordResetRequested | PasswordResetCompleted;
