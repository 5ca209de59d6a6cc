import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { later, MINUTE_MS } from '@privacy-ledger/clock';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleViolation, WritePath, type CommandContext } from '@privacy-ledger/ledger';
import { MAILER, type Mailer } from '@privacy-ledger/mail';
import { hashOfToken, jsonLogger, newSecretToken, RUNTIME_CONFIG, type RuntimeConfig } from '@privacy-ledger/platform';
import { Credentials, type Login } from '../sessions/credentials';
import { UsernameRegistry } from '../sessions/username-registry';
import { passwordResetMail, RESET_TTL_MINUTES } from './password-reset-mail';
import { passwordResetAggregate } from './password-reset.decider';
import { RequestPasswordResetCommand } from './request-password-reset.command';

/** A request answers no sooner than this, found or not, so its timing does not tell whether a login exists. */
const ANSWER_AFTER_MS = 300;
const logger = jsonLogger('identity');

/** Always resolves the same way: whether any login matched is told only to the matching address. */
@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly credentials: Credentials,
    private readonly usernames: UsernameRegistry,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  async execute({ by, context }: RequestPasswordResetCommand): Promise<void> {
    if (!by.username && !by.email) throw new DomainRuleViolation('invalid', 'username or email is required: name the login by one of them');
    if (by.username && by.email) throw new DomainRuleViolation('invalid', 'name either a username or an email, not both');
    const waited = new Promise((resolve) => setTimeout(resolve, ANSWER_AFTER_MS));
    for (const login of await this.logins(by)) await this.sendToken(login, context);
    await waited;
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
      expiresAt: later(context.occurredAt, RESET_TTL_MINUTES * MINUTE_MS),
      at: context.occurredAt,
    };
    const { events } = await this.writes.handle(passwordResetAggregate, login.identity.id, command, context);
    if (events.length === 0) return;
    try {
      await this.mailer.send(passwordResetMail(this.config.publicUrls.identity, login, token));
    } catch (error) {
      logger.warn({ msg: 'password reset mail not delivered', principalId: login.identity.id, error: (error as Error).name });
    }
  }
}
