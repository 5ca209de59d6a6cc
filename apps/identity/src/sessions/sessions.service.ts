import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { newEvent, type CommandContext } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
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
    const wait = await this.throttle.retryAfter(username);
    if (wait > 0) throw new HttpException({ statusCode: 429, message: `too many failed logins: try again in ${wait} seconds` }, HttpStatus.TOO_MANY_REQUESTS);
    const principal = await this.credentials.check(username, password);
    if (!principal) {
      await this.throttle.failed(username);
      throw new UnauthorizedException('invalid username or password');
    }
    await this.throttle.succeeded(username);
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
    return this.signer.sign({ id: principal.id, kind: principal.kind, roles: principal.roles }, sessionId);
  }
}
