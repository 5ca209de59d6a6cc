import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WritePath } from '@privacy-ledger/ledger';
import { GetPolicyInForceQuery } from './get-policy-in-force.query';
import { ListPolicyVersionsQuery } from './list-policy-versions.query';
import { POLICY_VERSIONS } from './policy-versions.events';
import { policyAt, policyVersionsAggregate, type PolicyVersion } from './policy-versions.decider';

@QueryHandler(ListPolicyVersionsQuery)
export class ListPolicyVersionsHandler implements IQueryHandler<ListPolicyVersionsQuery> {
  constructor(private readonly writes: WritePath) {}

  async execute(): Promise<PolicyVersion[]> {
    return (await this.writes.load(policyVersionsAggregate, POLICY_VERSIONS)).state;
  }
}

@QueryHandler(GetPolicyInForceQuery)
export class GetPolicyInForceHandler implements IQueryHandler<GetPolicyInForceQuery> {
  constructor(private readonly writes: WritePath) {}

  async execute({ at }: GetPolicyInForceQuery) {
    return policyAt((await this.writes.load(policyVersionsAggregate, POLICY_VERSIONS)).state, at);
  }
}
