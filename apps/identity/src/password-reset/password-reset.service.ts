import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation, EVENT_STORE, WritePath, type CommandContext, type EventStore } from '@privacy-ledger/ledger';
import { MAILER, type Mailer } from '@privacy-ledger/mail';
import { hashOfToken, jsonLogger, newSecretToken, RUNTIME_CONFIG, type RuntimeConfig } from '@privacy-ledger/platform';
import { READ_MODELS, type ReadModels } from '@privacy-ledger/projections';
import { hashPassword } from '../passwords/password-hasher';
import { addMinutes } from '../passwords/time';
import { Credentials, type Login } from '../sessions/credentials';
import { SessionRevocationListReactor } from '../sessions/session-revocation-list.reactor';
import { UsernameRegistry } from '../sessions/username-registry';
import { passwordResetMail, RESET_TTL_MINUTES } from './password-reset-mail';
import { passwordResetAggregate } from './password-reset.decider';
import { passwordResetStream } from './password-reset.events';
import { PasswordResetReactor } from './password-reset.reactor';

/** A request answers no sooner than this, found or not, so its timing does not tell whether a login exists. */
const ANSWER_AFTER_MS = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const logger = jsonLogger('identity');

/** P17: a lost password is reset through a message to the e-mail address on record. */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly writes: WritePath,
    private readonly credentials: Credentials,
    private readonly usernames: UsernameRegistry,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  /** Always resolves the same way: whether any login matched is told only to the matching address. */
  async request(by: { username?: string; email?: string }, context: CommandContext): Promise<void> {
    if (Boolean(by.username) === Boolean(by.email))
      throw new DomainRuleViolation('invalid', 'name either a username or an email, not both');
    const waited = new Promise((resolve) => setTimeout(resolve, ANSWER_AFTER_MS));
    for (const login of await this.logins(by)) await this.sendToken(login, context);
    await waited;
  }

  /**
   * Records the new password; the password-reset reactor sets it on the login and ends every session.
   * Answers once both took effect, so the old password and the old tokens are refused from then on.
   */
  async complete(token: string, password: string, context: CommandContext): Promise<void> {
    const principalId = token.split('.')[0];
    if (!UUID.test(principalId)) throw new DomainRuleViolation('invalid', 'this password reset token is not valid');
    const command = {
      type: 'CompletePasswordReset' as const,
      principalId,
      tokenHash: hashOfToken(token),
      passwordHash: await hashPassword(password),
      at: context.occurredAt,
    };
    const { position } = await this.writes.handle(passwordResetAggregate, passwordResetStream(principalId), command, context);
    const carriedOut = position !== null && (await this.readModels.applied(PasswordResetReactor.NAME, position));
    if (!carriedOut || !(await this.readModels.applied(SessionRevocationListReactor.NAME, await this.events.headPosition()))) {
      logger.warn({ msg: 'password reset recorded, not yet carried out', principalId });
    }
  }

  private async logins(by: { username?: string; email?: string }): Promise<Login[]> {
    if (by.username) {
      const login = await this.credentials.byUsername(by.username);
      return login ? [login] : [];
    }
    const email = by.email!.trim().toLowerCase();
    const candidates = await Promise.all(
      (await this.usernames.holdersOfEmail(email)).map((subject) => this.credentials.bySubject(subject)),
    );
    // The index may lag behind an address just changed: only the address on record counts.
    return candidates.filter((login): login is Login => login !== null && login.email.trim().toLowerCase() === email);
  }

  private async sendToken(login: Login, context: CommandContext): Promise<void> {
    const token = `${login.identity.id}.${newSecretToken()}`;
    const command = {
      type: 'RequestPasswordReset' as const,
      principalId: login.identity.id,
      principalKind: login.identity.kind,
      resetId: randomUUID(),
      tokenHash: hashOfToken(token),
      expiresAt: addMinutes(context.occurredAt, RESET_TTL_MINUTES),
      at: context.occurredAt,
    };
    const { events } = await this.writes.handle(passwordResetAggregate, passwordResetStream(login.identity.id), command, context);
    if (events.length === 0) return;
    try {
      await this.mailer.send(passwordResetMail(this.config.publicUrls.identity, login, token));
    } catch (error) {
      logger.warn({ msg: 'password reset mail not delivered', principalId: login.identity.id, error: (error as Error).name });
    }
  }
}
