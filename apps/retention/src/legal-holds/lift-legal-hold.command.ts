import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { HoldKind } from './legal-holds.events';

/** What a lifting answers: the hold, no longer standing. */
export interface LiftedHold {
  readonly holdId: string;
  readonly accountId: string;
  readonly kind: HoldKind;
  readonly liftedBy: string;
  readonly liftedAt: string;
  readonly standing: false;
}

/** P12: the reason to keep the data is gone; once the last hold is lifted, the account's erasure may go on. */
export class LiftLegalHoldCommand extends Command<LiftedHold> {
  constructor(
    readonly accountId: string,
    readonly holdId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
