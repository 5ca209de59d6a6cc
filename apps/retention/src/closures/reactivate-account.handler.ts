import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SESSION_REVOCATIONS, type SessionRevocations } from '@privacy-ledger/auth';
import { WritePath } from '@privacy-ledger/ledger';
import type { CalledOff } from '../erasures/erasure-view';
import { accountClosureAggregate } from './account-closure.decider';
import type { AccountReactivated } from './account-closure.events';
import { fenceClosure } from './closure-fence';
import { ReactivateAccountCommand } from './reactivate-account.command';

@CommandHandler(ReactivateAccountCommand)
export class ReactivateAccountHandler implements ICommandHandler<ReactivateAccountCommand> {
  constructor(
    private readonly writes: WritePath,
    @Inject(SESSION_REVOCATIONS) private readonly revocations: SessionRevocations,
  ) {}

  async execute({ accountId, context }: ReactivateAccountCommand): Promise<CalledOff> {
    const command = { type: 'ReactivateAccount' as const, accountId, at: context.occurredAt };
    const { events } = await this.writes.handle(accountClosureAggregate, accountId, command, context);
    await fenceClosure(this.revocations, events[0] as AccountReactivated);
    const { erasureId, reactivatedAt } = (events[0] as AccountReactivated).data;
    return { erasureId, accountId, state: 'called-off', calledOffAt: reactivatedAt };
  }
}
