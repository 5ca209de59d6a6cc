import { Query } from '@nestjs/cqrs';
import type { HoldKind } from './legal-holds.events';

/**
 * A hold as the privacy officer and the auditor see it: its reference and reasons opened, or null with
 * `shredded` once the account's erasure destroyed the hold's key; the rest stays, so the hold is still accounted for.
 */
export interface LegalHoldView {
  readonly holdId: string;
  readonly accountId: string;
  readonly kind: HoldKind;
  readonly reference: string | null;
  readonly reason: string | null;
  readonly placedBy: string;
  readonly placedAt: string;
  readonly standing: boolean;
  readonly liftedBy: string | null;
  readonly liftedAt: string | null;
  readonly liftReason: string | null;
  readonly shredded: boolean;
}

/** Every hold ever placed on an account, newest first. */
export class ListLegalHoldsQuery extends Query<{ holds: LegalHoldView[] }> {
  constructor(readonly accountId: string) {
    super();
  }
}
