import { Query } from '@nestjs/cqrs';
import type { policyAt } from './policy-versions.decider';

/** Which version applies at a time, and which are announced and coming. */
export class GetPolicyInForceQuery extends Query<ReturnType<typeof policyAt>> {
  constructor(readonly at: string) {
    super();
  }
}
