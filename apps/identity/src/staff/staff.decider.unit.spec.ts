import { deciderSpec } from '@privacy-ledger/testing';
import { CODE_REFUSED, SECOND_FACTOR_NOT_ENROLLED, staffDecider } from './staff.decider';
import type { StaffEvent, StaffMemberRegistered } from './staff.events';

const at = '2026-11-22T10:00:00.000Z';
const secrets = { username: 'po', passwordHash: 'scrypt$x', name: 'Pat', email: 'pat@example.test' };
const register = {
  type: 'RegisterStaffMember' as const,
  staffId: 's1',
  roles: ['privacy-officer' as const],
  secrets,
  registeredBy: 'cli',
  at,
};
const registered: StaffMemberRegistered = {
  type: 'StaffMemberRegistered',
  data: { staffId: 's1', roles: ['privacy-officer'], registeredAt: at, registeredBy: 'cli' },
  personal: secrets,
};
const spec = deciderSpec(staffDecider);

describe('staff decider', () => {
  it('registers a staff member with their roles', () => spec.given([]).when(register).then([registered]));
  it('refuses a staff member without a role', () =>
    spec
      .given([])
      .when({ ...register, roles: [] })
      .thenRefuses('invalid'));
  it('refuses to register the same staff member twice', () => spec.given([registered]).when(register).thenRefuses('conflict'));
  it('changes the password of a registered staff member only, once per reset', () => {
    const change = { type: 'ChangePassword' as const, passwordHash: 'scrypt$new', resetId: 'r1', at };
    const changed = {
      type: 'StaffPasswordChanged' as const,
      data: { staffId: register.staffId, changedAt: at, reason: 'reset' as const, resetId: 'r1' },
      personal: { passwordHash: 'scrypt$new' },
    };
    spec.given([registered]).when(change).then([changed]);
    spec.given([registered, changed]).when(change).then([]);
    spec.given([]).when(change).thenRefuses('not_found');
  });

  describe('second factor (TOTP)', () => {
    const start = { type: 'StartTotpEnrolment' as const, enrolmentId: 'e1', secret: 'JBSWY3DPEHPK3PXP', at };
    const started: StaffEvent = {
      type: 'StaffTotpEnrolmentStarted',
      data: { staffId: 's1', enrolmentId: 'e1', startedAt: at },
      personal: { secret: 'JBSWY3DPEHPK3PXP' },
    };
    const confirm = { type: 'ConfirmTotpEnrolment' as const, enrolmentId: 'e1', timeStep: 100, at };
    const enrolled: StaffEvent = {
      type: 'StaffTotpEnrolled',
      data: { staffId: 's1', enrolmentId: 'e1', timeStep: 100, enrolledAt: at },
      personal: null,
    };
    const accept = (timeStep: number) => ({ type: 'AcceptTotpCode' as const, enrolmentId: 'e1', timeStep, sessionId: 'session-1', at });
    const accepted = (timeStep: number): StaffEvent => ({
      type: 'StaffTotpCodeAccepted',
      data: { staffId: 's1', enrolmentId: 'e1', timeStep, sessionId: 'session-1', acceptedAt: at },
      personal: null,
    });

    it('starts an enrolment with the secret in the personal part only, and starting again replaces a pending one', () => {
      spec.given([registered]).when(start).then([started]);
      spec
        .given([registered, started])
        .when({ ...start, enrolmentId: 'e2' })
        .then([{ ...started, data: { ...started.data, enrolmentId: 'e2' } }]);
      spec.given([]).when(start).thenRefuses('not_found');
    });
    it('refuses to start again once a factor is enrolled: replacing one is not possible here', () =>
      spec
        .given([registered, started, enrolled])
        .when(start)
        .thenRefuses('conflict', /enrolled already/));
    it('confirms the pending secret with a code of it, and only then', () => {
      spec.given([registered, started]).when(confirm).then([enrolled]);
      spec
        .given([registered])
        .when(confirm)
        .thenRefuses('conflict', /start with POST \/staff\/me\/totp/);
      spec.given([registered, started, enrolled]).when(confirm).thenRefuses('conflict');
    });
    it('confirms nothing with a code of a secret that a newer enrolment replaced', () =>
      spec
        .given([registered, started, { ...started, data: { ...started.data, enrolmentId: 'e2' } }])
        .when(confirm)
        .thenRefuses('conflict', /newer enrolment/));
    it('accepts a code of a later time step than every code accepted before, once (RFC 6238 5.2)', () => {
      spec
        .given([registered, started, enrolled])
        .when(accept(101))
        .then([accepted(101)]);
      spec
        .given([registered, started, enrolled, accepted(101)])
        .when(accept(102))
        .then([accepted(102)]);
      spec
        .given([registered, started, enrolled, accepted(101)])
        .when(accept(101))
        .thenRefuses('unauthenticated', CODE_REFUSED);
      spec
        .given([registered, started, enrolled, accepted(101)])
        .when(accept(100))
        .thenRefuses('unauthenticated', CODE_REFUSED);
    });
    it('never accepts the code that confirmed the enrolment', () =>
      spec.given([registered, started, enrolled]).when(accept(100)).thenRefuses('unauthenticated', CODE_REFUSED));
    it('asks to enrol first when no factor is confirmed', () => {
      spec.given([registered]).when(accept(101)).thenRefuses('conflict', SECOND_FACTOR_NOT_ENROLLED);
      spec.given([registered, started]).when(accept(101)).thenRefuses('conflict', SECOND_FACTOR_NOT_ENROLLED);
    });
    it('refuses every second-factor command of an erased staff member', () => {
      const erased = [{ ...registered, personal: { shredded: true } } as const, { ...started, personal: { shredded: true } } as const];
      spec
        .given(erased)
        .when(start)
        .thenRefuses('conflict', /erased/);
      spec
        .given(erased)
        .when(confirm)
        .thenRefuses('conflict', /erased/);
    });
  });
});
