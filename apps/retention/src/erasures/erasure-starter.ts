import { Inject, Injectable } from '@nestjs/common';
import { ERASURE_PARTICIPANTS } from '@privacy-ledger/contracts';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { DomainRuleViolation, WritePath, type CommandContext } from '@privacy-ledger/ledger';
import { jsonLogger } from '@privacy-ledger/platform';
import { accountClosureAggregate } from '../closures/account-closure.decider';
import { standingHoldsOn } from '../legal-holds/legal-holds.decider';

const logger = jsonLogger('retention');

/**
 * Starts an account's erasure when it is due and no legal hold stands: whoever calls (the schedule, a closure
 * for removal now, the lifting of a hold), the closure's stream takes ErasureStarted once.
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
    try {
      await this.writes.handle(accountClosureAggregate, accountId, command, { ...cause, occurredAt: at, actor: 'retention' });
      logger.log({ msg: 'erasure started', accountId });
      return true;
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      logger.log({ msg: 'erasure not started', accountId, reason: error.message });
      return false;
    }
  }
}
