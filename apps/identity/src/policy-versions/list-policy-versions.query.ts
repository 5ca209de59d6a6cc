import { Query } from '@nestjs/cqrs';
import type { PolicyVersion } from './policy-versions.decider';

/** Every published version with its notice and effective dates. */
export class ListPolicyVersionsQuery extends Query<PolicyVersion[]> {}
