import type { DomainEvent, Shredded } from '@privacy-ledger/ledger';

export type PrincipalKind = 'customer' | 'staff';

/** A session record (P16): times of use and IP address are personal data, sealed under the session's own key. */
export type SessionStarted = DomainEvent<
  'SessionStarted',
  { sessionId: string; principalId: string; principalKind: PrincipalKind; startedAt: string },
  { ipAddress: string; userAgent: string | null } | Shredded
>;

/** The password was re-entered within a session (P14): billing data and cards open for a few minutes. */
export type SessionSteppedUp = DomainEvent<'SessionSteppedUp', { sessionId: string; principalId: string; steppedUpAt: string }, null>;

/** A staff session passed the second factor: card data opens to it (the code's time step is in the staff stream). */
export type SessionMfaVerified = DomainEvent<'SessionMfaVerified', { sessionId: string; principalId: string; verifiedAt: string }, null>;

export type SessionEvent = SessionStarted | SessionSteppedUp | SessionMfaVerified;

/** Whose keyring holds a principal's keys: a customer's account, or the staff member's own. */
export const keyringAccountOf = (principalId: string, kind: PrincipalKind) => (kind === 'customer' ? principalId : `staff-${principalId}`);
const SESSION_SUBJECT = 'session-';
export const sessionSubject = (sessionId: string, keyringAccount: string) => ({
  subjectId: `${SESSION_SUBJECT}${sessionId}`,
  accountId: keyringAccount,
});
/** The session a subject's key sealed, or null for a subject of another kind. */
export const sessionIdOfSubject = (subjectId: string) =>
  subjectId.startsWith(SESSION_SUBJECT) ? subjectId.slice(SESSION_SUBJECT.length) : null;
