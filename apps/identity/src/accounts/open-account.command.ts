import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { AccountKind, ContactDetails } from './account.events';

export type Signup = { kind: AccountKind; username: string; password: string } & ContactDetails;

/** Signup (P1): a new account with its user name and its contact person's data. */
export class OpenAccountCommand extends Command<{ id: string }> {
  constructor(
    readonly accountId: string,
    readonly signup: Signup,
    readonly context: CommandContext,
  ) {
    super();
  }
}
