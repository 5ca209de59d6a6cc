import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { ATTEMPT_THROTTLE, type AttemptThrottle, type Principal } from '@privacy-ledger/auth';
import { WritePath, type CommandContext } from '@privacy-ledger/ledger';
import { verifyPassword } from '../passwords/password-hasher';
import { TokenSigner } from '../tokens/token-signer';
import { Credentials } from './credentials';
import { sessionAggregate } from './session.decider';
import { sessionStream } from './session.events';
import { UsernameRegistry } from './username-registry';

@Injectable()
export class SessionsService {
  constructor(
    private readonly writes: WritePath,
    private readonly credentials: Credentials,
    private readonly usernames: UsernameRegistry,
    @Inject(ATTEMPT_THROTTLE) private readonly throttle: AttemptThrottle,
    private readonly signer: TokenSigner,
  ) {}

  /** One answer for every failure, so a login never tells whether the user name exists. */
  async start(
    username: string,
    password: string,
    client: { ipAddress: string; userAgent: string | null },
    context: CommandContext,
  ): Promise<string> {
    const login = await this.throttled(this.usernames.throttleKey(username), () => this.credentials.check(username, password));
    if (!login) throw new UnauthorizedException('invalid username or password');
    const { id: principalId, kind: principalKind } = login.identity;
    const sessionId = randomUUID();
    const command = { type: 'StartSession' as const, sessionId, principalId, principalKind, client, at: context.occurredAt };
    await this.writes.handle(sessionAggregate, sessionStream(sessionId), command, { ...context, actor: principalId });
    return this.signer.sign(login.identity, sessionId, { issuedAt: Date.parse(context.occurredAt) });
  }

  /** P14: the password entered again gives a token of the same session that opens billing data and cards for a while. */
  async stepUp(principal: Principal, password: string, context: CommandContext): Promise<string> {
    const login = await this.throttled(`step-up:${principal.id}`, async () => {
      const found = await this.credentials.byIdentity(principal);
      return found && (await verifyPassword(password, found.passwordHash)) ? found : null;
    });
    if (!login) throw new UnauthorizedException('the password is not correct');
    const command = { type: 'StepUpSession' as const, sessionId: principal.sessionId, principalId: principal.id, at: context.occurredAt };
    await this.writes.handle(sessionAggregate, sessionStream(principal.sessionId), command, context);
    const at = Date.parse(context.occurredAt);
    return this.signer.sign(login.identity, principal.sessionId, { issuedAt: at, stepUpAt: at });
  }

  /** Repeated failures under one key (a user name, a session's step-up) lock it for longer and longer. */
  private async throttled<T>(key: string, attempt: () => Promise<T | null>): Promise<T | null> {
    const wait = await this.throttle.retryAfter(key);
    if (wait > 0)
      throw new HttpException(
        { statusCode: 429, message: `too many failed attempts: try again in ${wait} seconds` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    const result = await attempt();
    await (result ? this.throttle.succeeded(key) : this.throttle.failed(key));
    return result;
  }
}
