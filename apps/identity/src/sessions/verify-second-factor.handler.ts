import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@privacy-ledger/auth';
import { DomainRuleViolation, WritePath, type CommandContext } from '@privacy-ledger/ledger';
import { activeStaff, CODE_REFUSED, enrolledTotpOf, staffAggregate, type TotpFactor } from '../staff/staff.decider';
import { verifiedTimeStep } from '../staff/totp';
import { TokenSigner } from '../tokens/token-signer';
import { mfaThrottleKeys } from './login-throttle';
import { sessionAggregate } from './session.decider';
import { ThrottledAttempts } from './throttled-attempts';
import { VerifySecondFactorCommand } from './verify-second-factor.command';

/** Gives a token of the same session that carries `mfaAt`, keeping the caller's step-up. */
@CommandHandler(VerifySecondFactorCommand)
export class VerifySecondFactorHandler implements ICommandHandler<VerifySecondFactorCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly attempts: ThrottledAttempts,
    private readonly signer: TokenSigner,
  ) {}

  async execute({ principal, code, context }: VerifySecondFactorCommand) {
    // Not enrolled is a 409 before any try is counted: it is no guess.
    const totp = enrolledTotpOf((await this.writes.load(staffAggregate, principal.id)).state);
    const staff = await this.attempts.attempt(mfaThrottleKeys(principal.id), () => this.accept(principal, totp, code, context));
    if (!staff) throw new DomainRuleViolation('unauthenticated', CODE_REFUSED);
    const { sessionId, id: principalId } = principal;
    await this.writes.handle(
      sessionAggregate,
      sessionId,
      { type: 'VerifySessionMfa', sessionId, principalId, at: context.occurredAt },
      context,
    );
    const at = Date.parse(context.occurredAt);
    const identity = { id: staff.staffId, kind: 'staff' as const, roles: staff.roles };
    const accessToken = await this.signer.sign(identity, sessionId, { issuedAt: at, stepUpAt: principal.stepUpAt ?? undefined, mfaAt: at });
    return { accessToken, tokenType: 'Bearer' as const };
  }

  /**
   * The staff member once the code's time step is recorded, or null when the code is wrong or was used: by an
   * earlier request, or by a racing one whose append won (the write path then decides again on its events).
   * Null, and not a refusal, so that a used code counts as a failed try and never clears the count.
   */
  private async accept(principal: Principal, totp: TotpFactor & { secret: string }, code: string, context: CommandContext) {
    const timeStep = verifiedTimeStep(totp.secret, code, Date.parse(context.occurredAt));
    if (timeStep === null) return null;
    const { enrolmentId } = totp;
    const command = { type: 'AcceptTotpCode' as const, enrolmentId, timeStep, sessionId: principal.sessionId, at: context.occurredAt };
    try {
      return activeStaff((await this.writes.handle(staffAggregate, principal.id, command, context)).state);
    } catch (error) {
      if (error instanceof DomainRuleViolation && error.kind === 'unauthenticated') return null;
      throw error;
    }
  }
}
