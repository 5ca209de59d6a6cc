import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { HoldKind } from './legal-holds.events';

/** What a placement answers: the new hold, standing. */
export interface PlacedHold {
  readonly holdId: string;
  readonly accountId: string;
  readonly kind: HoldKind;
  readonly placedAt: string;
  readonly standing: true;
}

/** P12: a privacy officer holds an account's data against erasure, for a legal obligation, a court or an accounting irregularity. */
export class PlaceLegalHoldCommand extends Command<PlacedHold> {
  constructor(
    readonly accountId: string,
    readonly hold: { readonly kind: HoldKind; readonly reference: string; readonly reason: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
