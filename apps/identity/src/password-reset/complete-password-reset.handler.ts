import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleViolation, EVENT_STORE, WritePath, type EventStore } from '@privacy-ledger/ledger';
import { hashOfToken, jsonLogger } from '@privacy-ledger/platform';
import { READ_MODELS, showsEverythingCommitted, type ReadModels } from '@privacy-ledger/projections';
import { hashPassword } from '../passwords/password-hasher';
import { SessionRevocationListReactor } from '../sessions/session-revocation-list.reactor';
import { CompletePasswordResetCommand } from './complete-password-reset.command';
import { passwordResetAggregate } from './password-reset.decider';
import { PasswordResetReactor } from './password-reset.reactor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const logger = jsonLogger('identity');

/**
 * Records the new password in the reset's own stream; the password-reset reactor sets it on the login and
 * ends every session. Answers once both took effect, so the old password and the old tokens are refused.
 */
@CommandHandler(CompletePasswordResetCommand)
export class CompletePasswordResetHandler implements ICommandHandler<CompletePasswordResetCommand> {
  constructor(
    private readonly writes: WritePath,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async execute({ token, password, context }: CompletePasswordResetCommand): Promise<void> {
    const principalId = token.split('.')[0];
    if (!UUID.test(principalId)) throw new DomainRuleViolation('invalid', 'this password reset token is not valid');
    const passwordHash = await hashPassword(password);
    const command = {
      type: 'CompletePasswordReset' as const,
      principalId,
      tokenHash: hashOfToken(token),
      passwordHash,
      at: context.occurredAt,
    };
    const { events } = await this.writes.handle(passwordResetAggregate, principalId, command, context);
    const recorded = events.length > 0 && (await showsEverythingCommitted(this.events, this.readModels, PasswordResetReactor.NAME));
    if (!recorded || !(await showsEverythingCommitted(this.events, this.readModels, SessionRevocationListReactor.NAME))) {
      logger.warn({ msg: 'password reset recorded, not yet carried out', principalId });
    }
  }
}
