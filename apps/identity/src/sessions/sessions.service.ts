import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Principal } from '@privacy-ledger/auth';
import { newEvent, type CommandContext } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import { verifyPassword } from '../passwords/password-hasher';
import { TokenSigner } from '../tokens/token-signer';
import { Credentials } from './credentials';
import { LoginThrottle } from './login-throttle';
import { sessionStream, sessionSubject } from './session.events';

@Injectable()
export class SessionsService {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    private readonly credentials: Credentials,
    private readonly throttle: LoginThrottle,
    private readonly signer: TokenSigner,
  ) {}

  /** One answer for every failure, so a login never tells whether the user name exists. */
  async start(username: string, password: string, client: { ipAddress: string; userAgent: string | null }, context: Omit<CommandContext, 'actor'>): Promise<string> {
    const login = await this.throttled(username, () => this.credentials.check(username, password));
    if (!login) throw new UnauthorizedException('invalid username or password');
    const principal = { ...login.identity, keyringAccount: login.keyringAccount };
    const sessionId = randomUUID();
    const startedAt = new Date().toISOString();
    const personal = await this.platform.keyring.encrypt(sessionSubject(sessionId, principal.keyringAccount), client);
    await this.platform.events.append(
      sessionStream(principal.id),
      [
        newEvent(
          { type: 'SessionStarted', data: { sessionId, principalId: principal.id, principalKind: principal.kind, startedAt }, personal },
          { ...context, actor: principal.id, occurredAt: startedAt },
        ),
      ],
      { expectedRevision: 'any' },
    );
    return this.signer.sign(login.identity, sessionId);
  }

  /** P14: the password entered again gives a token of the same session that opens billing data and cards for a while. */
  async stepUp(principal: Principal, password: string, context: Omit<CommandContext, 'actor'>): Promise<string> {
    const login = await this.throttled(`step-up:${principal.id}`, async () => {
      const found = await this.credentials.byIdentity(principal);
      return found && (await verifyPassword(password, found.passwordHash)) ? found : null;
    });
    if (!login) throw new UnauthorizedException('the password is not correct');
    const steppedUpAt = new Date();
    await this.platform.events.append(
      sessionStream(principal.id),
      [
        newEvent(
          { type: 'SessionSteppedUp', data: { sessionId: principal.sessionId, principalId: principal.id, steppedUpAt: steppedUpAt.toISOString() }, personal: null },
          { ...context, actor: principal.id, occurredAt: steppedUpAt.toISOString() },
        ),
      ],
      { expectedRevision: 'any' },
    );
    return this.signer.sign(login.identity, principal.sessionId, { stepUpAt: steppedUpAt.getTime() });
  }

  /** Repeated failures under one key (a user name, a session's step-up) lock it for longer and longer. */
  private async throttled<T>(key: string, attempt: () => Promise<T | null>): Promise<T | null> {
    const wait = await this.throttle.retryAfter(key);
    if (wait > 0) throw new HttpException({ statusCode: 429, message: `too many failed attempts: try again in ${wait} seconds` }, HttpStatus.TOO_MANY_REQUESTS);
    const result = await attempt();
    await (result ? this.throttle.succeeded(key) : this.throttle.failed(key));
    return result;
  }
}
