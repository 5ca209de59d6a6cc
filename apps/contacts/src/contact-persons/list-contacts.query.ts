import { Query } from '@nestjs/cqrs';
import type { ContactView } from './contact-view';

export interface ContactList {
  /** P5: some contact holds every role and has a verified e-mail address. */
  readonly hasWorkingContact: boolean;
  readonly contacts: ContactView[];
}

export class ListContactsQuery extends Query<ContactList> {
  constructor(readonly accountId: string) {
    super();
  }
}
