import type { DomainEvent } from '@privacy-ledger/ledger';

export type PolicyVersionPublished = DomainEvent<
  'PolicyVersionPublished',
  { version: string; summary: string; noticeAt: string; effectiveAt: string; publishedBy: string; publishedAt: string },
  null
>;

export const POLICY_VERSIONS_STREAM = 'policy-versions';
