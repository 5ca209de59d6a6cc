import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { AccountView } from './account-view';
import type { ContactDetails } from './account.events';

/** `expectedVersion`: the client's If-Match; a change made meanwhile makes it a 409. */
export class ChangeAccountDetailsCommand extends Command<AccountView> {
  constructor(
    readonly accountId: string,
    readonly changes: Partial<ContactDetails>,
    readonly context: CommandContext,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
