import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { ErasureView } from '../erasures/erasure-view';

/** P11, P12: the customer closes their account, for removal now or after the retention period. */
export class CloseAccountCommand extends Command<ErasureView> {
  constructor(
    readonly accountId: string,
    readonly removeNow: boolean,
    readonly context: CommandContext,
  ) {
    super();
  }
}
