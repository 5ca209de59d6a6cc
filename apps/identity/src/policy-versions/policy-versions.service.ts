import { Injectable } from '@nestjs/common';
import { DomainRuleViolation, WritePath, type CommandContext } from '@privacy-ledger/ledger';
import type { PublishPolicyVersionDto } from './publish-policy-version.dto';
import { POLICY_VERSIONS_STREAM } from './policy-version.events';
import { policyAt, policyVersionsAggregate, type PolicyVersion } from './policy-versions.decider';

@Injectable()
export class PolicyVersionsService {
  constructor(private readonly writes: WritePath) {}

  async publish(input: PublishPolicyVersionDto, context: CommandContext): Promise<PolicyVersion> {
    const at = context.occurredAt;
    const noticeAt = input.noticeDate ? new Date(input.noticeDate).toISOString() : at;
    const command = {
      type: 'PublishPolicyVersion' as const,
      version: input.version,
      summary: input.summary,
      noticeAt,
      publishedBy: context.actor,
      at,
    };
    const { state } = await this.writes.handle(policyVersionsAggregate, POLICY_VERSIONS_STREAM, command, context);
    const published = state.find((version) => version.version === input.version);
    if (!published) throw new DomainRuleViolation('conflict', `policy version ${input.version} was not published`);
    return published;
  }

  async all(): Promise<PolicyVersion[]> {
    return (await this.writes.load(policyVersionsAggregate, POLICY_VERSIONS_STREAM)).state;
  }

  /** Which version applies at that time, and which are announced and coming. */
  async at(time: string) {
    return policyAt(await this.all(), time);
  }
}
