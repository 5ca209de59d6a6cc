import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { isShredded, type Shredded } from '@privacy-ledger/ledger';
import { READ_MODELS, type ReadModelStore } from '@privacy-ledger/projections';
import { openKeptParts } from '../opened-parts';
import { LEGAL_HOLDS, type LegalHoldEntry } from './legal-hold-list.projection';
import { ListLegalHoldsQuery, type LegalHoldView } from './list-legal-holds.query';

type Placement = { reference: string; reason: string };
type Lifting = { reason: string };

@QueryHandler(ListLegalHoldsQuery)
export class ListLegalHoldsHandler implements IQueryHandler<ListLegalHoldsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async execute({ accountId }: ListLegalHoldsQuery): Promise<{ holds: LegalHoldView[] }> {
    const entries = await this.readModels.list<LegalHoldEntry>(LEGAL_HOLDS, { where: { accountId }, limit: 1000 });
    const placements = await openKeptParts<Placement>(
      this.keyring,
      entries.map(({ placement }) => ({ part: placement, accountId })),
    );
    const liftings = await openKeptParts<Lifting>(
      this.keyring,
      entries.map(({ lifting }) => ({ part: lifting, accountId })),
    );
    const holds = entries.map((entry, index) => viewOf(entry, placements[index], liftings[index]));
    return { holds: holds.sort((a, b) => b.placedAt.localeCompare(a.placedAt) || a.holdId.localeCompare(b.holdId)) };
  }
}

function viewOf(entry: LegalHoldEntry, placement: Placement | Shredded | null, lifting: Lifting | Shredded | null): LegalHoldView {
  const { holdId, accountId, kind, placedBy, placedAt, standing, liftedBy, liftedAt } = entry;
  const placed = placement && !isShredded(placement) ? placement : null;
  const lifted = lifting && !isShredded(lifting) ? lifting : null;
  return {
    holdId,
    accountId,
    kind,
    reference: placed?.reference ?? null,
    reason: placed?.reason ?? null,
    placedBy,
    placedAt,
    standing,
    liftedBy,
    liftedAt,
    liftReason: lifted?.reason ?? null,
    shredded: isShredded(placement) || isShredded(lifting),
  };
}
