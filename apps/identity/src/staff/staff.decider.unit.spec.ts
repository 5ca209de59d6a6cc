import { deciderSpec } from '@privacy-ledger/testing';
import { staffDecider, type StaffMemberRegistered } from './staff.decider';

const at = '2026-11-22T10:00:00.000Z';
const secrets = { username: 'po', passwordHash: 'scrypt$x', name: 'Pat', email: 'pat@example.test' };
const register = { type: 'RegisterStaffMember' as const, staffId: 's1', roles: ['privacy-officer' as const], secrets, registeredBy: 'cli', at };
const registered: StaffMemberRegistered = {
  type: 'StaffMemberRegistered',
  data: { staffId: 's1', roles: ['privacy-officer'], registeredAt: at, registeredBy: 'cli' },
  personal: secrets,
};
const spec = deciderSpec(staffDecider);

describe('staff decider', () => {
  it('registers a staff member with their roles', () => spec.given([]).when(register).then([registered]));
  it('refuses a staff member without a role', () => spec.given([]).when({ ...register, roles: [] }).thenRefuses('invalid'));
  it('refuses to register the same staff member twice', () => spec.given([registered]).when(register).thenRefuses('conflict'));
  it('changes the password of a registered staff member only', () => {
    spec
      .given([registered])
      .when({ type: 'ChangePassword', passwordHash: 'scrypt$new', at: register.at })
      .then([{ type: 'PasswordChanged', data: { staffId: register.staffId, changedAt: register.at, reason: 'reset' }, personal: { passwordHash: 'scrypt$new' } }]);
    spec.given([]).when({ type: 'ChangePassword', passwordHash: 'scrypt$new', at: register.at }).thenRefuses('not_found');
  });
});
