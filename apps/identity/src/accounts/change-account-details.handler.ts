import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { UsernameRegistry } from '../sessions/username-registry';
import { accountAggregate } from './account.decider';
import { customerSubject } from './account.events';
import { accountView, type AccountView } from './account-view';
import { ChangeAccountDetailsCommand } from './change-account-details.command';

@CommandHandler(ChangeAccountDetailsCommand)
export class ChangeAccountDetailsHandler implements ICommandHandler<ChangeAccountDetailsCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly usernames: UsernameRegistry,
  ) {}

  /** A new e-mail address and its place in the e-mail index are stored together or not at all. */
  async execute({ accountId, changes, context, expectedVersion }: ChangeAccountDetailsCommand): Promise<AccountView> {
    const command = { type: 'ChangeAccountDetails' as const, changes, at: context.occurredAt };
    const pending = await this.writes.decideAndSeal(accountAggregate, accountId, command, context, expectedVersion);
    const { state, events, revision } = pending.outcome;
    const view = accountView(accountId, state, revision);
    const emailChanged = events.some((event) => event.type === 'AccountDetailsChanged' && event.data.fields.includes('email'));
    if (emailChanged) await this.usernames.changeEmailWith(view.email, customerSubject(accountId), pending);
    else await this.writes.commit(pending);
    return view;
  }
}
