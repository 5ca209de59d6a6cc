import { DomainRuleViolation, isShredded, type Decider, type DomainEvent, type Shredded } from '@privacy-ledger/ledger';
import type { StaffRole } from '@privacy-ledger/auth';

export interface StaffSecrets {
  readonly username: string;
  readonly passwordHash: string;
  readonly name: string;
  readonly email: string;
}

export type StaffMemberRegistered = DomainEvent<
  'StaffMemberRegistered',
  { staffId: string; roles: StaffRole[]; registeredAt: string; registeredBy: string },
  StaffSecrets | Shredded
>;
export type StaffPasswordChanged = DomainEvent<'PasswordChanged', { staffId: string; changedAt: string; reason: 'reset' }, { passwordHash: string } | Shredded>;
export type StaffEvent = StaffMemberRegistered | StaffPasswordChanged;

export type StaffState =
  | { readonly status: 'none' }
  | { readonly status: 'active'; readonly staffId: string; readonly roles: StaffRole[]; readonly secrets: StaffSecrets | Shredded };

export type StaffCommand =
  | {
      readonly type: 'RegisterStaffMember';
      readonly staffId: string;
      readonly roles: StaffRole[];
      readonly secrets: StaffSecrets;
      readonly registeredBy: string;
      readonly at: string;
    }
  | { readonly type: 'ChangePassword'; readonly passwordHash: string; readonly at: string };

export const staffDecider: Decider<StaffCommand, StaffState, StaffEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    if (command.type === 'ChangePassword') {
      if (state.status !== 'active') throw new DomainRuleViolation('not_found', 'no such staff member');
      if (isShredded(state.secrets)) throw new DomainRuleViolation('conflict', 'this staff member was erased');
      return [{ type: 'PasswordChanged', data: { staffId: state.staffId, changedAt: command.at, reason: 'reset' }, personal: { passwordHash: command.passwordHash } }];
    }
    if (state.status !== 'none') throw new DomainRuleViolation('conflict', 'this staff member already exists');
    if (command.roles.length === 0) throw new DomainRuleViolation('invalid', 'a staff member needs at least one role');
    return [
      {
        type: 'StaffMemberRegistered',
        data: { staffId: command.staffId, roles: [...new Set(command.roles)], registeredAt: command.at, registeredBy: command.registeredBy },
        personal: command.secrets,
      },
    ];
  },
  evolve(state, event) {
    if (event.type === 'StaffMemberRegistered') return { status: 'active', staffId: event.data.staffId, roles: event.data.roles, secrets: event.personal };
    if (state.status !== 'active') return state;
    if (isShredded(state.secrets) || isShredded(event.personal)) return { ...state, secrets: { shredded: true } };
    return { ...state, secrets: { ...state.secrets, passwordHash: event.personal.passwordHash } };
  },
};
