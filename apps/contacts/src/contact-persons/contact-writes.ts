import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation, EVENT_STORE, isShredded, WritePath, type CommandContext, type EventStore } from '@privacy-ledger/ledger';
import { MAILER, type Mailer } from '@privacy-ledger/mail';
import { jsonLogger, RUNTIME_CONFIG, type RuntimeConfig } from '@privacy-ledger/platform';
import { READ_MODELS, showsEverythingCommitted, type ReadModels } from '@privacy-ledger/projections';
import { verificationMail } from '../email-verification/verification-link';
import { contactListProjection } from './contact-list.projection';
import { contactView, type ContactView } from './contact-view';
import { type ContactDetails } from './contacts.events';
import { contactsAggregate, type ContactsCommand, type ContactsState } from './contacts.decider';

const logger = jsonLogger('contacts');

/** What every contacts command handler does after deciding: mail a link if one was asked for, and answer once the read model shows it. */
@Injectable()
export class ContactWrites {
  constructor(
    private readonly writes: WritePath,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  async handle(
    accountId: string,
    command: ContactsCommand,
    context: CommandContext,
  ): Promise<{ state: ContactsState; requested: boolean }> {
    const { state, events } = await this.writes.handle(contactsAggregate, accountId, command, context);
    if (events.length > 0) await this.readModelShowsWrites();
    return { state, requested: events.some((event) => event.type === 'ContactEmailVerificationRequested') };
  }

  /** Runs a command about one contact and mails the verification link it asked for (after the append: never for a refused one). */
  async handleForContact(
    accountId: string,
    contactId: string,
    command: ContactsCommand,
    context: CommandContext,
    token: string,
  ): Promise<ContactView> {
    const { state, requested } = await this.handle(accountId, command, context);
    const contact = state.contacts[contactId];
    if (!contact || isShredded(contact.details)) throw new DomainRuleViolation('not_found', 'no such contact');
    if (requested) await this.mailLink(contact.details, { accountId, contactId }, token);
    return contactView(contactId, contact, contact.details);
  }

  /** A failed delivery does not undo the change: the address stays unverified and a new link can be asked for. */
  async mailLink(to: ContactDetails, ids: { accountId: string; contactId: string }, token: string): Promise<void> {
    try {
      await this.mailer.send(verificationMail(this.config.publicUrls.contacts, to, ids, token));
    } catch (error) {
      logger.warn({ msg: 'verification mail not delivered', contactId: ids.contactId, error: (error as Error).name });
    }
  }

  private async readModelShowsWrites(): Promise<void> {
    if (!(await showsEverythingCommitted(this.events, this.readModels, contactListProjection.name))) {
      logger.warn({ msg: 'read model lags behind a write', projection: contactListProjection.name });
    }
  }
}
