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
/** A second factor (TOTP, RFC 6238) is being set up: its secret, sealed under the staff member's key, awaits a first code. */
export type StaffTotpEnrolmentStarted = DomainEvent<
  'StaffTotpEnrolmentStarted',
  { staffId: string; enrolmentId: string; startedAt: string },
  { secret: string } | Shredded
>;
/** The pending secret's first correct code confirmed it; `timeStep` is that code's, so it is never accepted again. */
export type StaffTotpEnrolled = DomainEvent<
  'StaffTotpEnrolled',
  { staffId: string; enrolmentId: string; timeStep: number; enrolledAt: string },
  null
>;
/** A session passed the second factor with the code of `timeStep`: no code of that time step or an earlier one counts again. */
export type StaffTotpCodeAccepted = DomainEvent<
  'StaffTotpCodeAccepted',
  { staffId: string; enrolmentId: string; timeStep: number; sessionId: string; acceptedAt: string },
  null
>;
export type StaffEvent =
  StaffMemberRegistered | StaffPasswordChanged | StaffTotpEnrolmentStarted | StaffTotpEnrolled | StaffTotpCodeAccepted;

/** A staff member's keyring is their own, apart from every customer's. */
export const staffSubject = (staffId: string) => ({ subjectId: `staff-${staffId}`, accountId: `staff-${staffId}` });
