import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleViolation, WritePath } from '@privacy-ledger/ledger';
import { cardRequestsAggregate, refusalOfUse } from '../card-requests/card-requests.decider';
import type { CardView } from '../cards/card-view';
import { CardWrites } from '../cards/card-writes';
import { ApplyCardEditCommand } from './apply-card-edit.command';
import { StaffCardUse } from './staff-card-use';

@CommandHandler(ApplyCardEditCommand)
export class ApplyCardEditHandler implements ICommandHandler<ApplyCardEditCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly cards: CardWrites,
    private readonly use: StaffCardUse,
  ) {}

  execute({ accountId, cardId, requestId, changes, expectedVersion, principal, context }: ApplyCardEditCommand): Promise<CardView> {
    return this.use.attempt({ accountId, cardId, requestId, purpose: 'edit' }, principal, context, async () => {
      const { state } = await this.writes.load(cardRequestsAggregate, accountId);
      const staffId = principal.id;
      const refusal = refusalOfUse(state.requests[requestId], { kind: 'edit', cardId, staffId });
      if (refusal) throw new DomainRuleViolation('forbidden', refusal);
      const card = await this.cards.change({ accountId, cardId, changes, expectedVersion }, context, { staffId, requestId });
      // The change names the request: the cards stream carries it out once, and the access log has it even if
      // this process stops before the request is marked.
      const fulfil = { type: 'FulfilCardRequest' as const, accountId, requestId, cardId, staffId, at: context.occurredAt };
      await this.writes.handle(cardRequestsAggregate, accountId, fulfil, context);
      return card;
    });
  }
}
