import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleViolation, WritePath } from '@privacy-ledger/ledger';
import { POLICY_VERSIONS } from './policy-versions.events';
import { policyVersionsAggregate, type PolicyVersion } from './policy-versions.decider';
import { PublishPolicyVersionCommand } from './publish-policy-version.command';

@CommandHandler(PublishPolicyVersionCommand)
export class PublishPolicyVersionHandler implements ICommandHandler<PublishPolicyVersionCommand> {
  constructor(private readonly writes: WritePath) {}

  async execute({ version, summary, noticeAt, context }: PublishPolicyVersionCommand): Promise<PolicyVersion> {
    const at = context.occurredAt;
    const command = { type: 'PublishPolicyVersion' as const, version, summary, noticeAt: noticeAt ?? at, publishedBy: context.actor, at };
    const { state } = await this.writes.handle(policyVersionsAggregate, POLICY_VERSIONS, command, context);
    const published = state.find((candidate) => candidate.version === version);
    if (!published) throw new DomainRuleViolation('conflict', `policy version ${version} was not published`);
    return published;
  }
}
