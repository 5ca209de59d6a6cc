import type { DomainEvent, Shredded } from '@privacy-ledger/ledger';

/** A session record (P16): times of use and IP address are personal data, sealed under the session's own key. */
export type SessionStarted = DomainEvent<
  'SessionStarted',
  { sessionId: string; principalId: string; principalKind: 'customer' | 'staff'; startedAt: string },
  { ipAddress: string; userAgent: string | null } | Shredded
>;

/** The password was re-entered within a session (P14): billing data and cards open for a few minutes. */
export type SessionSteppedUp = DomainEvent<'SessionSteppedUp', { sessionId: string; principalId: string; steppedUpAt: string }, null>;

/** Every session of the principal ended, e.g. by a password reset. */
export type SessionsRevoked = DomainEvent<'SessionsRevoked', { principalId: string; revokedAt: string; reason: 'password-reset' }, null>;

export const sessionStream = (principalId: string) => `sessions-${principalId}`;
export const sessionSubject = (sessionId: string, keyringAccount: string) => ({ subjectId: `session-${sessionId}`, accountId: keyringAccount });
