import { Inject, Injectable } from '@nestjs/common';
import { ERASURE_PARTICIPANTS } from '@privacy-ledger/contracts';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { DomainRuleViolation, WritePath, type CommandContext } from '@privacy-ledger/ledger';
import { jsonLogger } from '@privacy-ledger/platform';
import { accountClosureAggregate } from '../closures/account-closure.decider';
import { legalHoldsAggregate, standingHoldsOn } from '../legal-holds/legal-holds.decider';

const logger = jsonLogger('retention');

/**
 * Starts an account's erasure when it is due and no legal hold stands: whoever calls (the schedule, a closure
 * for removal now, the lifting of a hold), the closure's stream takes ErasureStarted once. First the account's
 * holds are closed, in their own stream: a hold placed meanwhile collides with that, so either the hold is refused
 * or the erasure waits for it, never both placed and passed over. A crash between the two appends leaves the holds
 * closed for an erasure that was due, held by nothing, and is started by the next call.
 */
@Injectable()
export class ErasureStarter {
  constructor(
    private readonly writes: WritePath,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** True when this call started it; false when it is not due, held, or under way already (each said in the log). */
  async start(accountId: string, cause: Pick<CommandContext, 'correlationId' | 'causationId'>): Promise<boolean> {
    const at = this.clock.now().toISOString();
    const standingHolds = await standingHoldsOn(this.writes, accountId);
    const command = { type: 'StartErasure' as const, accountId, participants: ERASURE_PARTICIPANTS, standingHolds, at };
    const context = { ...cause, occurredAt: at, actor: 'retention' };
    try {
      // Whatever would refuse the start (not due, under way, held) refuses it before the holds close.
      accountClosureAggregate.decider.decide(command, (await this.writes.load(accountClosureAggregate, accountId)).state);
      await this.writes.handle(legalHoldsAggregate, accountId, { type: 'CloseLegalHolds', accountId, at }, context);
      await this.writes.handle(accountClosureAggregate, accountId, command, context);
      logger.log({ msg: 'erasure started', accountId });
      return true;
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      logger.log({ msg: 'erasure not started', accountId, reason: error.message });
      return false;
    }
  }
}
