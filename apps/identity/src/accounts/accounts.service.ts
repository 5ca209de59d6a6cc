import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation, isShredded, type CommandContext } from '@privacy-ledger/ledger';
import { hashPassword } from '../passwords/password-hasher';
import { PLATFORM, type Platform } from '../platform.token';
import { USERNAME_SCOPE } from '../sessions/credentials';
import { AccountRepository, accountStream, customerSubject } from './account.repository';
import type { AccountKind, ContactDetails } from './account.events';

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
    @Inject(PLATFORM) private readonly platform: Platform,
    private readonly accounts: AccountRepository,
  ) {}

  /** Claims the user name (blind index) first; if the account then cannot be written, the claim is released. */
  async open(input: { kind: AccountKind; username: string; password: string } & ContactDetails, context: (accountId: string) => CommandContext): Promise<string> {
    const accountId = randomUUID();
    const subject = customerSubject(accountId);
    const { username, password, kind, ...details } = input;
    if (!(await this.platform.blindIndex.claim(USERNAME_SCOPE, username, subject))) throw new DomainRuleViolation('conflict', 'this username is taken');
    try {
      const secrets = { username, passwordHash: await hashPassword(password), ...details };
      await this.accounts.handle(accountStream(accountId), { type: 'OpenAccount', accountId, kind, secrets, at: new Date().toISOString() }, context(accountId));
      return accountId;
    } catch (error) {
      await this.platform.blindIndex.release(USERNAME_SCOPE, username, subject);
      throw error;
    }
  }

  async view(accountId: string): Promise<AccountView> {
    const { state, revision } = await this.accounts.load(accountStream(accountId));
    if (state.status !== 'open') throw new DomainRuleViolation('not_found', 'no such account');
    if (isShredded(state.secrets)) throw new DomainRuleViolation('not_found', 'the data of this account was erased');
    const { passwordHash: _hash, ...visible } = state.secrets;
    return { id: accountId, kind: state.kind, openedAt: state.openedAt, revision, ...visible };
  }

  async change(accountId: string, changes: Partial<ContactDetails>, context: CommandContext, expectedRevision?: number): Promise<AccountView> {
    await this.accounts.handle(accountStream(accountId), { type: 'ChangeAccountDetails', changes, at: new Date().toISOString() }, context, expectedRevision);
    return this.view(accountId);
  }
}
