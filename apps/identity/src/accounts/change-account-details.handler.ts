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

  async execute({ accountId, changes, context, expectedVersion }: ChangeAccountDetailsCommand): Promise<AccountView> {
    const command = { type: 'ChangeAccountDetails' as const, changes, at: context.occurredAt };
    const { state, events, revision } = await this.writes.handle(accountAggregate, accountId, command, context, expectedVersion);
    const view = accountView(accountId, state, revision);
    const emailChanged = events.some((event) => event.type === 'AccountDetailsChanged' && event.data.fields.includes('email'));
    if (emailChanged) await this.usernames.emailChanged(view.email, customerSubject(accountId));
    return view;
  }
}
