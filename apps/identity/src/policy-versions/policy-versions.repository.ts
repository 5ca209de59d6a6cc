import { Inject, Injectable } from '@nestjs/common';
import { AggregateRepository, holdsNoPersonalData } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import type { PolicyVersionPublished } from './policy-version.events';
import { policyVersionsDecider, type PolicyVersion, type PublishPolicyVersion } from './policy-versions.decider';

@Injectable()
export class PolicyVersionsRepository extends AggregateRepository<PublishPolicyVersion, PolicyVersion[], PolicyVersionPublished> {
  constructor(@Inject(PLATFORM) platform: Platform) {
    super(platform.events, platform.keyring, policyVersionsDecider, holdsNoPersonalData);
  }
}
