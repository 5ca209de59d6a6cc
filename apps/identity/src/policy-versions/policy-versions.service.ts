import { Injectable } from '@nestjs/common';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { PublishPolicyVersionDto } from './publish-policy-version.dto';
import { POLICY_VERSIONS_STREAM } from './policy-version.events';
import { policyAt, type PolicyVersion } from './policy-versions.decider';
import { PolicyVersionsRepository } from './policy-versions.repository';

@Injectable()
export class PolicyVersionsService {
  constructor(private readonly repository: PolicyVersionsRepository) {}

  async publish(input: PublishPolicyVersionDto, context: CommandContext): Promise<PolicyVersion> {
    const at = new Date().toISOString();
    const noticeAt = input.noticeDate ? new Date(input.noticeDate).toISOString() : at;
    const { state } = await this.repository.handle(POLICY_VERSIONS_STREAM, { type: 'PublishPolicyVersion', version: input.version, summary: input.summary, noticeAt, publishedBy: context.actor, at }, context);
    return state[state.length - 1];
  }

  async all(): Promise<PolicyVersion[]> {
    return (await this.repository.load(POLICY_VERSIONS_STREAM)).state;
  }

  /** Which version applies today, and which are announced and coming. */
  async today() {
    return policyAt(await this.all(), new Date().toISOString());
  }
}
