import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { DomainRuleViolation, isShredded, WritePath, type CommandContext, type Position } from '@privacy-ledger/ledger';
import { MAILER, type Mailer } from '@privacy-ledger/mail';
import { jsonLogger, RUNTIME_CONFIG, type RuntimeConfig } from '@privacy-ledger/platform';
import { READ_MODELS, type ReadModels } from '@privacy-ledger/projections';
import { newVerificationToken, verificationMail } from '../email-verification/verification-link';
import { CONTACT_LIST, contactListProjection, type ContactListEntry } from './contact-list.projection';
import { CONTACT_ROLES, contactsStream, contactSubject, type ContactDetails, type ContactRole } from './contact.events';
import { contactsAggregate, type ContactChanges, type ContactsCommand } from './contacts.decider';

export interface ContactView extends ContactDetails {
  readonly id: string;
  readonly roles: readonly ContactRole[];
  readonly primary: boolean;
  readonly emailVerified: boolean;
}

export interface ContactList {
  /** P5: some contact holds every role and has a verified e-mail address. */
  readonly hasWorkingContact: boolean;
  readonly contacts: ContactView[];
}

const logger = jsonLogger('contacts');

@Injectable()
export class ContactsService {
  constructor(
    private readonly writes: WritePath,
    @Inject(KEYRING) private readonly keyring: Keyring,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  /** From the read model, decrypted on the way out; a contact whose key is gone is left out. */
  async list(accountId: string): Promise<ContactList> {
    const entries = await this.readModels.list<ContactListEntry>(CONTACT_LIST, { where: { accountId }, limit: 1000 });
    const readable = entries.filter((entry) => entry.sealed !== null);
    const details = await this.keyring.decryptMany<ContactDetails>(readable.map((entry) => Buffer.from(entry.sealed!, 'base64')));
    const contacts = readable.flatMap((entry, index) => {
      const decrypted = details[index];
      return decrypted.status === 'ok' ? [this.view(entry.contactId, entry, decrypted.value)] : [];
    });
    contacts.sort((a, b) => Number(b.primary) - Number(a.primary) || a.name.localeCompare(b.name));
    const hasWorkingContact = entries.some((entry) => entry.emailVerified && CONTACT_ROLES.every((role) => entry.roles.includes(role)));
    return { hasWorkingContact, contacts };
  }

  async add(accountId: string, input: ContactDetails & { roles: ContactRole[] }, context: CommandContext): Promise<ContactView> {
    const contactId = randomUUID();
    const { token, pending } = newVerificationToken(context.occurredAt);
    const { roles, ...details } = input;
    return this.run(
      accountId,
      contactId,
      { type: 'AddContact', accountId, contactId, details, roles, verification: pending, at: context.occurredAt },
      context,
      token,
    );
  }

  async change(accountId: string, contactId: string, changes: ContactChanges, context: CommandContext): Promise<ContactView> {
    const { token, pending } = newVerificationToken(context.occurredAt);
    return this.run(
      accountId,
      contactId,
      { type: 'ChangeContact', contactId, changes, verification: pending, at: context.occurredAt },
      context,
      token,
    );
  }

  /** Complete removal (P6): the event, then the contact's key; its read-model entry goes with the event. */
  async remove(accountId: string, contactId: string, context: CommandContext): Promise<void> {
    const { position } = await this.writes.handle(
      contactsAggregate,
      contactsStream(accountId),
      { type: 'RemoveContact', contactId, at: context.occurredAt },
      context,
    );
    const subject = contactSubject(contactId, accountId);
    await this.keyring.destroy(subject.subjectId, subject.accountId);
    await this.readModelShows(position);
  }

  async requestVerification(accountId: string, contactId: string, context: CommandContext): Promise<void> {
    const { token, pending } = newVerificationToken(context.occurredAt);
    await this.run(
      accountId,
      contactId,
      { type: 'RequestEmailVerification', contactId, verification: pending, at: context.occurredAt },
      context,
      token,
    );
  }

  async verify(accountId: string, contactId: string, tokenHash: string, context: CommandContext): Promise<void> {
    const command = { type: 'VerifyEmail' as const, contactId, tokenHash, at: context.occurredAt };
    const { position } = await this.writes.handle(contactsAggregate, contactsStream(accountId), command, context);
    await this.readModelShows(position);
  }

  /**
   * Runs a command about one contact; if it asked for a verification, mails the link (after the append,
   * so no link is ever sent for a request the ledger refused). Answers once the read model shows it.
   */
  private async run(
    accountId: string,
    contactId: string,
    command: ContactsCommand,
    context: CommandContext,
    token: string,
  ): Promise<ContactView> {
    const { state, events, position } = await this.writes.handle(contactsAggregate, contactsStream(accountId), command, context);
    const contact = state.contacts[contactId];
    if (!contact || isShredded(contact.details)) throw new DomainRuleViolation('not_found', 'no such contact');
    if (events.some((event) => event.type === 'ContactEmailVerificationRequested'))
      await this.mailLink(contact.details, { accountId, contactId }, token);
    await this.readModelShows(position);
    return this.view(contactId, contact, contact.details);
  }

  /**
   * Mails a verification link. A failed delivery does not undo the change: the address stays unverified
   * and a new link can be asked for.
   */
  async mailLink(to: ContactDetails, ids: { accountId: string; contactId: string }, token: string): Promise<void> {
    try {
      await this.mailer.send(verificationMail(this.config.publicUrls.contacts, to, ids, token));
    } catch (error) {
      logger.warn({ msg: 'verification mail not delivered', contactId: ids.contactId, error: (error as Error).name });
    }
  }

  private async readModelShows(position: Position | null): Promise<void> {
    if (position && !(await this.readModels.applied(contactListProjection.name, position))) {
      logger.warn({ msg: 'read model lags behind a write', projection: contactListProjection.name });
    }
  }

  private view(
    id: string,
    state: { roles: readonly ContactRole[]; primary: boolean; emailVerified: boolean },
    details: ContactDetails,
  ): ContactView {
    const { name, email, phones, fax } = details;
    return { id, name, email, roles: state.roles, phones, fax, primary: state.primary, emailVerified: state.emailVerified };
  }
}
