import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { hashPassword } from '../passwords/password-hasher';
import { UsernameRegistry } from '../sessions/username-registry';
import { accountAggregate } from './account.decider';
import { customerSubject } from './account.events';
import { OpenAccountCommand } from './open-account.command';

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly usernames: UsernameRegistry,
  ) {}

  /** The user name is claimed in the same transaction that appends the account's first events. */
  async execute({ accountId, signup, context }: OpenAccountCommand): Promise<{ id: string }> {
    const { username, password, kind, ...details } = signup;
    await this.usernames.assertFree(username);
    const secrets = { username, passwordHash: await hashPassword(password), ...details };
    const command = { type: 'OpenAccount' as const, accountId, kind, secrets, at: context.occurredAt };
    const pending = await this.writes.decideAndSeal(accountAggregate, accountId, command, context);
    await this.usernames.registerWith({ username, email: details.email }, customerSubject(accountId), pending);
    return { id: accountId };
  }
}
