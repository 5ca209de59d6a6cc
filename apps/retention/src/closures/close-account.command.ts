import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { ErasureView } from '../erasures/erasure-view';

/** Who closes the account: its customer, named by the token identity gave them, or the privacy officer, naming it by hand. */
export type ClosureRequester = 'customer' | 'privacy-officer';

/** P11, P12: the customer closes their account, for removal now or after the retention period; the officer, on a verified request. */
export class CloseAccountCommand extends Command<ErasureView> {
  constructor(
    readonly accountId: string,
    readonly removeNow: boolean,
    readonly requester: ClosureRequester,
    readonly context: CommandContext,
  ) {
    super();
  }
}
