import type { StaffRole } from '@privacy-ledger/auth';
import { DomainRuleViolation, isShredded, type Aggregate, type Decider, type Shredded } from '@privacy-ledger/ledger';
import { staffSubject, type StaffEvent, type StaffSecrets } from './staff.events';

export type StaffState =
  | { readonly status: 'none' }
  | {
      readonly status: 'active';
      readonly staffId: string;
      readonly roles: StaffRole[];
      readonly secrets: StaffSecrets | Shredded;
      readonly resets: readonly string[];
    };

export type StaffCommand =
  | {
      readonly type: 'RegisterStaffMember';
      readonly staffId: string;
      readonly roles: StaffRole[];
      readonly secrets: StaffSecrets;
      readonly registeredBy: string;
      readonly at: string;
    }
  | { readonly type: 'ChangePassword'; readonly passwordHash: string; readonly resetId: string; readonly at: string };

export const staffDecider: Decider<StaffCommand, StaffState, StaffEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    if (command.type === 'ChangePassword') {
      if (state.status !== 'active') throw new DomainRuleViolation('not_found', 'no such staff member');
      if (isShredded(state.secrets)) throw new DomainRuleViolation('conflict', 'this staff member was erased');
      if (state.resets.includes(command.resetId)) return [];
      return [
        {
          type: 'StaffPasswordChanged',
          data: { staffId: state.staffId, changedAt: command.at, reason: 'reset', resetId: command.resetId },
          personal: { passwordHash: command.passwordHash },
        },
      ];
    }
    if (state.status !== 'none') throw new DomainRuleViolation('conflict', 'this staff member already exists');
    if (command.roles.length === 0) throw new DomainRuleViolation('invalid', 'a staff member needs at least one role');
    return [
      {
        type: 'StaffMemberRegistered',
        data: {
          staffId: command.staffId,
          roles: [...new Set(command.roles)],
          registeredAt: command.at,
          registeredBy: command.registeredBy,
        },
        personal: command.secrets,
      },
    ];
  },
  evolve(state, event) {
    if (event.type === 'StaffMemberRegistered')
      return { status: 'active', staffId: event.data.staffId, roles: event.data.roles, secrets: event.personal, resets: [] };
    if (state.status !== 'active') return state;
    const resets = [...state.resets, event.data.resetId];
    if (isShredded(state.secrets) || isShredded(event.personal)) return { ...state, resets, secrets: { shredded: true } };
    return { ...state, resets, secrets: { ...state.secrets, passwordHash: event.personal.passwordHash } };
  },
};

export const staffAggregate: Aggregate<StaffCommand, StaffState, StaffEvent> = {
  name: 'staff-member',
  eventTypes: ['StaffMemberRegistered', 'StaffPasswordChanged'],
  decider: staffDecider,
  subjectOf: (event) => staffSubject(event.data.staffId),
};
