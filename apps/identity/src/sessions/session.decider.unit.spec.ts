import { deciderSpec } from '@privacy-ledger/testing';
import { sessionDecider } from './session.decider';
import type { PrincipalKind, SessionEvent } from './session.events';

const at = '2026-11-23T10:00:00.000Z';
const startedBy = (principalKind: PrincipalKind): SessionEvent => ({
  type: 'SessionStarted',
  data: { sessionId: 's1', principalId: 'p1', principalKind, startedAt: at },
  personal: { ipAddress: '192.0.2.1', userAgent: null },
});
const verify = { type: 'VerifySessionMfa' as const, sessionId: 's1', principalId: 'p1', at };
const spec = deciderSpec(sessionDecider);

describe('session decider', () => {
  it('records that a staff session passed the second factor, without personal data', () =>
    spec
      .given([startedBy('staff')])
      .when(verify)
      .then([{ type: 'SessionMfaVerified', data: { sessionId: 's1', principalId: 'p1', verifiedAt: at }, personal: null }]));
  it('refuses a second factor in a customer session, and in a session of someone else or none', () => {
    spec
      .given([startedBy('customer')])
      .when(verify)
      .thenRefuses('forbidden');
    spec
      .given([startedBy('staff')])
      .when({ ...verify, principalId: 'p2' })
      .thenRefuses('not_found');
    spec.given([]).when(verify).thenRefuses('not_found');
  });
});
