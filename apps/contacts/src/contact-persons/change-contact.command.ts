import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { ContactView } from './contact-view';
import type { ContactChanges } from './contacts.decider';

/** Any of a contact's fields; a new e-mail address is unverified until its new link is followed. */
export class ChangeContactCommand extends Command<ContactView> {
  constructor(
    readonly accountId: string,
    readonly contactId: string,
    readonly changes: ContactChanges,
    readonly context: CommandContext,
  ) {
    super();
  }
}
