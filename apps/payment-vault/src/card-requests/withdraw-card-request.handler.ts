import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { cardRequestsAggregate } from './card-requests.decider';
import { WithdrawCardRequestCommand } from './withdraw-card-request.command';

@CommandHandler(WithdrawCardRequestCommand)
export class WithdrawCardRequestHandler implements ICommandHandler<WithdrawCardRequestCommand> {
  constructor(private readonly writes: WritePath) {}

  async execute({ accountId, requestId, context }: WithdrawCardRequestCommand): Promise<void> {
    await this.writes.handle(
      cardRequestsAggregate,
      accountId,
      { type: 'WithdrawCardRequest', accountId, requestId, at: context.occurredAt },
      context,
    );
  }
}
