import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation, newEvent, type CommandContext } from '@privacy-ledger/ledger';
import { hashOfToken, jsonLogger, newSecretToken, PLATFORM, type Platform } from '@privacy-ledger/platform';
import { AccountRepository, accountStream } from '../accounts/account.repository';
import { hashPassword } from '../passwords/password-hasher';
import { Credentials, EMAIL_SCOPE, type Login } from '../sessions/credentials';
import { sessionStream } from '../sessions/session.events';
import { StaffRepository, staffStream } from '../staff/staff.repository';
import { passwordResetMail, RESET_TTL_MINUTES } from './password-reset-mail';
import { passwordResetStream } from './password-reset.events';
import { PasswordResetRepository } from './password-reset.repository';

/** A request answers no sooner than this, found or not, so its timing does not tell whether a login exists. */
const ANSWER_AFTER_MS = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const logger = jsonLogger('identity');

/** P17: a lost password is reset through a message to the e-mail address on record. */
@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    private readonly resets: PasswordResetRepository,
    private readonly credentials: Credentials,
    private readonly accounts: AccountRepository,
    private readonly staff: StaffRepository,
  ) {}

  /** Always resolves the same way: whether any login matched is told only to the matching address. */
  async request(by: { username?: string; email?: string }, context: CommandContext): Promise<void> {
    if (Boolean(by.username) === Boolean(by.email)) throw new DomainRuleViolation('invalid', 'name either a username or an email, not both');
    const answerAt = Date.now() + ANSWER_AFTER_MS;
    for (const login of await this.logins(by)) await this.sendToken(login, context);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, answerAt - Date.now())));
  }

  /** Sets the new password, and ends every session of the login in every service. */
  async complete(token: string, password: string, context: CommandContext): Promise<void> {
    const principalId = token.split('.')[0];
    if (!UUID.test(principalId)) throw new DomainRuleViolation('invalid', 'this password reset token is not valid');
    const stream = passwordResetStream(principalId);
    const pending = (await this.resets.load(stream)).state.pending;
    const now = new Date();
    await this.resets.handle(stream, { type: 'CompletePasswordReset', principalId, tokenHash: hashOfToken(token), at: now.toISOString() }, context);
    const change = { type: 'ChangePassword' as const, passwordHash: await hashPassword(password), at: now.toISOString() };
    if (pending!.principalKind === 'customer') await this.accounts.handle(accountStream(principalId), change, context);
    else await this.staff.handle(staffStream(principalId), change, context);
    await this.platform.revocations.revokeAll(principalId, now);
    await this.platform.events.append(
      sessionStream(principalId),
      [newEvent({ type: 'SessionsRevoked', data: { principalId, revokedAt: now.toISOString(), reason: 'password-reset' }, personal: null }, context)],
      { expectedRevision: 'any' },
    );
  }

  private async logins(by: { username?: string; email?: string }): Promise<Login[]> {
    if (by.username) {
      const login = await this.credentials.byUsername(by.username);
      return login ? [login] : [];
    }
    const email = by.email!.trim().toLowerCase();
    const candidates = await Promise.all((await this.platform.blindIndex.findAll(EMAIL_SCOPE, email)).map((subject) => this.credentials.bySubject(subject)));
    // The index may lag behind an address just changed: only the address on record counts.
    return candidates.filter((login): login is Login => login !== null && login.email.trim().toLowerCase() === email);
  }

  private async sendToken(login: Login, context: CommandContext): Promise<void> {
    const token = `${login.identity.id}.${newSecretToken()}`;
    const now = new Date();
    const { events } = await this.resets.handle(
      passwordResetStream(login.identity.id),
      {
        type: 'RequestPasswordReset',
        principalId: login.identity.id,
        principalKind: login.identity.kind,
        tokenHash: hashOfToken(token),
        expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000).toISOString(),
        at: now.toISOString(),
      },
      context,
    );
    if (events.length === 0) return;
    try {
      await this.platform.mailer.send(passwordResetMail(this.platform.config.publicUrls.identity, login, token));
    } catch (error) {
      logger.warn({ msg: 'password reset mail not delivered', principalId: login.identity.id, error: (error as Error).name });
    }
  }
}
