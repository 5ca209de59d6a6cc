import type { DomainEvent, PersonalSubject, Shredded } from '@privacy-ledger/ledger';

/** Why data may be kept past a closure (P12): the law, a court, or an accounting irregularity under review. */
export const HOLD_KINDS = ['legal-obligation', 'court-order', 'accounting-irregularity'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

/**
 * A privacy officer holds an account's data against erasure. The kind, who and when stay readable for
 * auditors; the reference and the reason may name people, so they are sealed under the hold's own key.
 */
export type LegalHoldPlaced = DomainEvent<
  'LegalHoldPlaced',
  { accountId: string; holdId: string; kind: HoldKind; placedBy: string; placedAt: string },
  { reference: string; reason: string } | Shredded
>;

export type LegalHoldLifted = DomainEvent<
  'LegalHoldLifted',
  { accountId: string; holdId: string; liftedBy: string; liftedAt: string },
  { reason: string } | Shredded
>;

/**
 * No hold can be placed on the account any more: its erasure is due, no hold stands, and it starts now. In the
 * holds' own stream, so that a hold placed at the same moment collides with it and one of the two is refused.
 */
export type LegalHoldsClosed = DomainEvent<'LegalHoldsClosed', { accountId: string; closedAt: string }, null>;

export type LegalHoldEvent = LegalHoldPlaced | LegalHoldLifted | LegalHoldsClosed;

/** Each hold is a subject of its own within the account's keyring. */
export const legalHoldSubject = (holdId: string, accountId: string): PersonalSubject => ({ subjectId: `legal-hold-${holdId}`, accountId });
