import type { StaffRole } from '@privacy-ledger/auth';
import type { DomainEvent, Shredded } from '@privacy-ledger/ledger';

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
/** `resetId`: the completed password reset this change carries out, so carrying it out again changes nothing. */
export type StaffPasswordChanged = DomainEvent<
  'StaffPasswordChanged',
  { staffId: string; changedAt: string; reason: 'reset'; resetId: string },
  { passwordHash: string } | Shredded
>;
export type StaffEvent = StaffMemberRegistered | StaffPasswordChanged;

/** A staff member's keyring is their own, apart from every customer's. */
export const staffSubject = (staffId: string) => ({ subjectId: `staff-${staffId}`, accountId: `staff-${staffId}` });
