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

export type LegalHoldEvent = LegalHoldPlaced | LegalHoldLifted;

/** Each hold is a subject of its own within the account's keyring. */
export const legalHoldSubject = (holdId: string, accountId: string): PersonalSubject => ({ subjectId: `legal-hold-${holdId}`, accountId });
