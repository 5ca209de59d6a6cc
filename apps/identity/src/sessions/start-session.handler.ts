import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleViolation, WritePath } from '@privacy-ledger/ledger';
import { TokenSigner } from '../tokens/token-signer';
import { Credentials } from './credentials';
import { sessionAggregate } from './session.decider';
import { StartSessionCommand } from './start-session.command';
import { loginThrottleKeys } from './login-throttle';
import { ThrottledAttempts } from './throttled-attempts';
import { UsernameRegistry } from './username-registry';

@CommandHandler(StartSessionCommand)
export class StartSessionHandler implements ICommandHandler<StartSessionCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly credentials: Credentials,
    private readonly usernames: UsernameRegistry,
    private readonly attempts: ThrottledAttempts,
    private readonly signer: TokenSigner,
  ) {}

  /** One answer for every failure, so a login never tells whether the user name exists. */
  async execute({ sessionId, username, password, client, context }: StartSessionCommand) {
    const login = await this.attempts.attempt(await loginThrottleKeys(this.usernames, username, client.ipAddress), () =>
      this.credentials.check(username, password),
    );
    if (!login) throw new DomainRuleViolation('unauthenticated', 'invalid username or password');
    const { id: principalId, kind: principalKind } = login.identity;
    const command = { type: 'StartSession' as const, sessionId, principalId, principalKind, client, at: context.occurredAt };
    await this.writes.handle(sessionAggregate, sessionId, command, { ...context, actor: principalId });
    const accessToken = await this.signer.sign(login.identity, sessionId, { issuedAt: Date.parse(context.occurredAt) });
    return { accessToken, tokenType: 'Bearer' as const };
  }
}
