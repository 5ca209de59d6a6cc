import { DomainRuleViolation, type Decider, type DomainEvent, type Shredded } from '@privacy-ledger/ledger';
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
export type StaffEvent = StaffMemberRegistered;

export type StaffState =
  | { readonly status: 'none' }
  | { readonly status: 'active'; readonly staffId: string; readonly roles: StaffRole[]; readonly secrets: StaffSecrets | Shredded };

export type StaffCommand = {
  readonly type: 'RegisterStaffMember';
  readonly staffId: string;
  readonly roles: StaffRole[];
  readonly secrets: StaffSecrets;
  readonly registeredBy: string;
  readonly at: string;
};

export const staffDecider: Decider<StaffCommand, StaffState, StaffEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
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
  evolve(_state, event) {
    return { status: 'active', staffId: event.data.staffId, roles: event.data.roles, secrets: event.personal };
  },
};
