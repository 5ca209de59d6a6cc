import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { ContactView } from './contact-view';
import type { ContactDetails, ContactRole } from './contacts.events';

/** P4: a new contact person of the caller's account; a verification link goes to its address. */
export class AddContactCommand extends Command<ContactView> {
  constructor(
    readonly accountId: string,
    readonly contactId: string,
    readonly contact: ContactDetails & { roles: ContactRole[] },
    readonly context: CommandContext,
  ) {
    super();
  }
}
