import { DAY_MS, later } from '@privacy-ledger/clock';
import { DomainRuleViolation, holdsNoPersonalData, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import type { PolicyVersionPublished } from './policy-versions.events';

/** P18: a change of policy takes effect this long after its notice. */
export const NOTICE_PERIOD_DAYS = 30;
/** The policy in force before any version was published here. */
export const INITIAL_POLICY = { version: '1', noticeAt: null, effectiveAt: null } as const;

export interface PolicyVersion {
  readonly version: string;
  readonly summary: string;
  readonly noticeAt: string;
  readonly effectiveAt: string;
}

export type PublishPolicyVersion = {
  type: 'PublishPolicyVersion';
  version: string;
  summary: string;
  noticeAt: string;
  publishedBy: string;
  at: string;
};

export const policyVersionsDecider: Decider<PublishPolicyVersion, PolicyVersion[], PolicyVersionPublished> = {
  initialState: [],
  decide(command, versions) {
    const { version, summary, noticeAt, publishedBy, at } = command;
    if (version === INITIAL_POLICY.version || versions.some((published) => published.version === version)) {
      throw new DomainRuleViolation('conflict', `policy version ${version} exists already`);
    }
    if (noticeAt.slice(0, 10) < at.slice(0, 10))
      throw new DomainRuleViolation('invalid', 'the notice date cannot be in the past: notice is given when it is published or later');
    const effectiveAt = later(noticeAt, NOTICE_PERIOD_DAYS * DAY_MS);
    const latest = versions[versions.length - 1];
    if (latest && effectiveAt <= latest.effectiveAt) {
      throw new DomainRuleViolation(
        'conflict',
        `version ${latest.version} takes effect on ${latest.effectiveAt}: a newer version must take effect after it`,
      );
    }
    return [
      { type: 'PolicyVersionPublished', data: { version, summary, noticeAt, effectiveAt, publishedBy, publishedAt: at }, personal: null },
    ];
  },
  evolve(versions, { data: { version, summary, noticeAt, effectiveAt } }) {
    return [...versions, { version, summary, noticeAt, effectiveAt }];
  },
};

export const policyVersionsAggregate: Aggregate<PublishPolicyVersion, PolicyVersion[], PolicyVersionPublished> = {
  name: 'policy-versions',
  eventTypes: ['PolicyVersionPublished'],
  decider: policyVersionsDecider,
  subjectOf: holdsNoPersonalData,
};

/** Which version applies at `now`, and which are announced but not yet in force. */
export function policyAt(
  versions: readonly PolicyVersion[],
  now: string,
): { current: PolicyVersion | typeof INITIAL_POLICY; upcoming: PolicyVersion[] } {
  const inForce = versions.filter((published) => published.effectiveAt <= now);
  return { current: inForce[inForce.length - 1] ?? INITIAL_POLICY, upcoming: versions.filter((published) => published.effectiveAt > now) };
}
