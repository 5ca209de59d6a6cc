import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainRuleViolation, isShredded, WritePath, type CommandContext } from '@privacy-ledger/ledger';
import { hashPassword } from '../passwords/password-hasher';
import { UsernameRegistry } from '../sessions/username-registry';
import { accountAggregate } from './account.decider';
import { accountStream, customerSubject, type AccountKind, type BillingDetails, type ContactDetails } from './account.events';

export interface AccountView extends ContactDetails {
  readonly id: string;
  readonly kind: AccountKind;
  readonly username: string;
  readonly openedAt: string;
  readonly revision: number;
}

@Injectable()
export class AccountsService {
  constructor(
    private readonly writes: WritePath,
    private readonly usernames: UsernameRegistry,
  ) {}

  async open(
    input: { kind: AccountKind; username: string; password: string } & ContactDetails,
    context: (accountId: string) => CommandContext,
  ): Promise<string> {
    const accountId = randomUUID();
    const { username, password, kind, ...details } = input;
    await this.usernames.assertFree(username);
    const secrets = { username, passwordHash: await hashPassword(password), ...details };
    const opening = context(accountId);
    const command = { type: 'OpenAccount' as const, accountId, kind, secrets, at: opening.occurredAt };
    await this.usernames.registerWith(
      { username, email: details.email },
      customerSubject(accountId),
      await this.writes.decideAndSeal(accountAggregate, accountStream(accountId), command, opening),
    );
    return accountId;
  }

  async view(accountId: string): Promise<AccountView> {
    const { state, revision } = await this.writes.load(accountAggregate, accountStream(accountId));
    if (state.status !== 'open') throw new DomainRuleViolation('not_found', 'no such account');
    if (isShredded(state.secrets)) throw new DomainRuleViolation('not_found', 'the data of this account was erased');
    const { passwordHash: _hash, ...visible } = state.secrets;
    return { id: accountId, kind: state.kind, openedAt: state.openedAt, revision, ...visible };
  }

  /** P14: the controller lets this through only after a step-up. */
  async billingDetails(accountId: string): Promise<BillingDetails> {
    const { state } = await this.writes.load(accountAggregate, accountStream(accountId));
    if (state.status !== 'open') throw new DomainRuleViolation('not_found', 'no such account');
    if (state.billing === null) throw new DomainRuleViolation('not_found', 'no billing details yet');
    if (isShredded(state.billing)) throw new DomainRuleViolation('not_found', 'the billing details of this account were erased');
    return state.billing;
  }

  async changeBillingDetails(accountId: string, details: BillingDetails, context: CommandContext): Promise<BillingDetails> {
    const { state } = await this.writes.handle(
      accountAggregate,
      accountStream(accountId),
      { type: 'ChangeBillingDetails', details, at: context.occurredAt },
      context,
    );
    if (state.status !== 'open' || state.billing === null || isShredded(state.billing))
      throw new DomainRuleViolation('not_found', 'no such account');
    return state.billing;
  }

  async change(
    accountId: string,
    changes: Partial<ContactDetails>,
    context: CommandContext,
    expectedRevision?: number,
  ): Promise<AccountView> {
    const { state, events, revision } = await this.writes.handle(
      accountAggregate,
      accountStream(accountId),
      { type: 'ChangeAccountDetails', changes, at: context.occurredAt },
      context,
      expectedRevision,
    );
    if (state.status !== 'open' || isShredded(state.secrets)) throw new DomainRuleViolation('not_found', 'no such account');
    const { passwordHash: _hash, ...visible } = state.secrets;
    if (events.some((event) => event.type === 'AccountDetailsChanged' && event.data.fields.includes('email')))
      await this.usernames.emailChanged(visible.email, customerSubject(accountId));
    return { id: accountId, kind: state.kind, openedAt: state.openedAt, revision, ...visible };
  }
}
