import { deciderSpec } from '@privacy-ledger/testing';
import { staffDecider } from './staff.decider';
import type { StaffMemberRegistered } from './staff.events';

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
});
