import type { DomainEvent, Shredded } from '@privacy-ledger/ledger';

/** A session record (P16): times of use and IP address are personal data, sealed under the session's own key. */
export type SessionStarted = DomainEvent<
  'SessionStarted',
  { sessionId: string; principalId: string; principalKind: 'customer' | 'staff'; startedAt: string },
  { ipAddress: string; userAgent: string | null } | Shredded
>;

export const sessionStream = (principalId: string) => `sessions-${principalId}`;
export const sessionSubject = (sessionId: string, keyringAccount: string) => ({ subjectId: `session-${sessionId}`, accountId: keyringAccount });
