import type { DomainEvent } from '@privacy-ledger/ledger';

export type PolicyVersionPublished = DomainEvent<
  'PolicyVersionPublished',
  { version: string; summary: string; noticeAt: string; effectiveAt: string; publishedBy: string; publishedAt: string },
  null
>;

/** The one stream of the policy's versions, by its id. */
export const POLICY_VERSIONS = 'all';
