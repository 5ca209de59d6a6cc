import type { ReadModelStore } from '@privacy-ledger/projections';
import { LEGAL_HOLDS, type LegalHoldEntry } from './legal-hold-list.projection';
import type { HoldKind } from './legal-holds.events';

export interface StandingHold {
  readonly holdId: string;
  readonly kind: HoldKind;
  readonly placedAt: string;
}

/** The holds that keep an account's erasure waiting, oldest first: what the erasure process says it waits for. */
export async function standingHoldsOf(readModels: ReadModelStore, accountId: string): Promise<StandingHold[]> {
  const standing = await readModels.list<LegalHoldEntry>(LEGAL_HOLDS, { where: { accountId, standing: true }, limit: 1000 });
  return standing
    .map(({ holdId, kind, placedAt }) => ({ holdId, kind, placedAt }))
    .sort((a, b) => a.placedAt.localeCompare(b.placedAt) || a.holdId.localeCompare(b.holdId));
}
