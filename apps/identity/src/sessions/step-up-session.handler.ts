import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { STEP_UP_WINDOW_MS } from '@privacy-ledger/auth';
import { DomainRuleViolation, WritePath } from '@privacy-ledger/ledger';
import { verifyPassword } from '../passwords/password-hasher';
import { TokenSigner } from '../tokens/token-signer';
import { Credentials } from './credentials';
import { sessionAggregate } from './session.decider';
import { StepUpSessionCommand } from './step-up-session.command';
import { stepUpThrottleKeys } from './login-throttle';
import { ThrottledAttempts } from './throttled-attempts';

/** Gives a token of the same session that opens billing data and cards for a few minutes. */
@CommandHandler(StepUpSessionCommand)
export class StepUpSessionHandler implements ICommandHandler<StepUpSessionCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly credentials: Credentials,
    private readonly attempts: ThrottledAttempts,
    private readonly signer: TokenSigner,
  ) {}

  async execute({ principal, password, context }: StepUpSessionCommand) {
    const login = await this.attempts.attempt(stepUpThrottleKeys(principal.id), async () => {
      const found = await this.credentials.byIdentity(principal);
      return found && (await verifyPassword(password, found.passwordHash)) ? found : null;
    });
    if (!login) throw new DomainRuleViolation('unauthenticated', 'the password is not correct');
    const command = { type: 'StepUpSession' as const, sessionId: principal.sessionId, principalId: principal.id, at: context.occurredAt };
    await this.writes.handle(sessionAggregate, principal.sessionId, command, context);
    const at = Date.parse(context.occurredAt);
    const accessToken = await this.signer.sign(login.identity, principal.sessionId, { issuedAt: at, stepUpAt: at });
    return { accessToken, tokenType: 'Bearer' as const, stepUpValidForSeconds: STEP_UP_WINDOW_MS / 1000 };
  }
}
