import { deciderSpec } from '@privacy-ledger/testing';
import type { PolicyVersionPublished } from './policy-versions.events';
import { INITIAL_POLICY, policyAt, policyVersionsDecider } from './policy-versions.decider';

const spec = deciderSpec(policyVersionsDecider);
const at = '2026-11-23T09:00:00.000Z';
const published = (version: string, noticeAt: string, effectiveAt: string): PolicyVersionPublished => ({
  type: 'PolicyVersionPublished',
  data: { version, summary: `v${version}`, noticeAt, effectiveAt, publishedBy: 'po', publishedAt: at },
  personal: null,
});
const publish = (version: string, noticeAt: string) =>
  ({ type: 'PublishPolicyVersion', version, summary: `v${version}`, noticeAt, publishedBy: 'po', at }) as const;

describe('policy versions decider (P18)', () => {
  it('publishes a version that takes effect 30 days after its notice', () => {
    spec
      .given([])
      .when(publish('2', '2026-11-23T09:00:00.000Z'))
      .then([published('2', '2026-11-23T09:00:00.000Z', '2026-12-23T09:00:00.000Z')]);
    spec
      .given([])
      .when(publish('2', '2026-12-01T00:00:00.000Z'))
      .then([published('2', '2026-12-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z')]);
  });

  it('refuses a notice dated in the past, a version name used before, and a version that would take effect before the last one', () => {
    spec.given([]).when(publish('2', '2026-11-22T23:00:00.000Z')).thenRefuses('invalid', /past/);
    spec
      .given([])
      .when(publish('1', at))
      .thenRefuses('conflict', /exists/);
    spec
      .given([published('2', at, '2026-12-23T09:00:00.000Z')])
      .when(publish('2', '2026-12-01T00:00:00.000Z'))
      .thenRefuses('conflict', /exists/);
    spec
      .given([published('2', '2026-12-10T00:00:00.000Z', '2027-01-09T00:00:00.000Z')])
      .when(publish('3', at))
      .thenRefuses('conflict', /after it/);
  });

  it('tells which version applies today and which are coming', () => {
    const v2 = { version: '2', summary: 'v2', noticeAt: '2026-10-01T00:00:00.000Z', effectiveAt: '2026-10-31T00:00:00.000Z' };
    const v3 = { version: '3', summary: 'v3', noticeAt: '2026-11-20T00:00:00.000Z', effectiveAt: '2026-12-20T00:00:00.000Z' };
    expect(policyAt([], at)).toEqual({ current: INITIAL_POLICY, upcoming: [] });
    expect(policyAt([v2, v3], at)).toEqual({ current: v2, upcoming: [v3] });
    expect(policyAt([v2, v3], '2026-12-20T00:00:00.000Z')).toEqual({ current: v3, upcoming: [] });
  });
});
