import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleViolation, WritePath } from '@privacy-ledger/ledger';
import { mfaThrottleKeys } from '../sessions/login-throttle';
import { ThrottledAttempts } from '../sessions/throttled-attempts';
import { ConfirmTotpEnrolmentCommand } from './confirm-totp-enrolment.command';
import { pendingTotpOf, staffAggregate } from './staff.decider';
import { verifiedTimeStep } from './totp';

@CommandHandler(ConfirmTotpEnrolmentCommand)
export class ConfirmTotpEnrolmentHandler implements ICommandHandler<ConfirmTotpEnrolmentCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly attempts: ThrottledAttempts,
  ) {}

  async execute({ staffId, code, context }: ConfirmTotpEnrolmentCommand): Promise<void> {
    const pending = pendingTotpOf((await this.writes.load(staffAggregate, staffId)).state);
    const verified = await this.attempts.attempt(mfaThrottleKeys(staffId), async () => {
      const timeStep = verifiedTimeStep(pending.secret, code, Date.parse(context.occurredAt));
      return timeStep === null ? null : { timeStep };
    });
    if (!verified)
      throw new DomainRuleViolation('invalid', 'the code is not correct: enter the one the authenticator app shows now for Privacy Ledger');
    const command = {
      type: 'ConfirmTotpEnrolment' as const,
      enrolmentId: pending.enrolmentId,
      timeStep: verified.timeStep,
      at: context.occurredAt,
    };
    await this.writes.handle(staffAggregate, staffId, command, context);
  }
}
