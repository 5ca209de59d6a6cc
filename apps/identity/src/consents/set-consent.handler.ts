import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { GetPolicyInForceQuery } from '../policy-versions/get-policy-in-force.query';
import { consentsAggregate } from './consents.decider';
import { consentsView, type ConsentsView } from './consents-view';
import { SetConsentCommand } from './set-consent.command';

@CommandHandler(SetConsentCommand)
export class SetConsentHandler implements ICommandHandler<SetConsentCommand> {
  constructor(
    private readonly writes: WritePath,
    private readonly queries: QueryBus,
  ) {}

  async execute({ accountId, purpose, granted, context }: SetConsentCommand): Promise<ConsentsView> {
    const policyVersion = (await this.queries.execute(new GetPolicyInForceQuery(context.occurredAt))).current.version;
    const command = {
      type: 'SetConsent' as const,
      accountId,
      purpose,
      granted,
      policyVersion,
      changedBy: context.actor,
      at: context.occurredAt,
    };
    return consentsView((await this.writes.handle(consentsAggregate, accountId, command, context)).state);
  }
}
