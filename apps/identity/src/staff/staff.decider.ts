import type { StaffRole } from '@privacy-ledger/auth';
import {
  DomainRuleViolation,
  isShredded,
  unknownCommand,
  unknownEvent,
  type Aggregate,
  type Decider,
  type Shredded,
} from '@privacy-ledger/ledger';
import { staffSubject, type StaffEvent, type StaffSecrets } from './staff.events';

/** The staff member's TOTP secret, pending until a first code confirms it; `lastTimeStep`: the latest code's, never accepted again. */
export interface TotpFactor {
  readonly enrolmentId: string;
  readonly secret: string | Shredded;
  readonly enrolled: boolean;
  readonly lastTimeStep: number | null;
}

export interface ActiveStaff {
  readonly status: 'active';
  readonly staffId: string;
  readonly roles: StaffRole[];
  readonly secrets: StaffSecrets | Shredded;
  readonly resets: readonly string[];
  readonly totp: TotpFactor | null;
}

export type StaffState = { readonly status: 'none' } | ActiveStaff;

/** `timeStep`: the RFC 6238 time step of a code the handler verified against the secret of `enrolmentId`. */
export type StaffCommand =
  | {
      readonly type: 'RegisterStaffMember';
      readonly staffId: string;
      readonly roles: StaffRole[];
      readonly secrets: StaffSecrets;
      readonly registeredBy: string;
      readonly at: string;
    }
  | { readonly type: 'ChangePassword'; readonly passwordHash: string; readonly resetId: string; readonly at: string }
  | { readonly type: 'StartTotpEnrolment'; readonly enrolmentId: string; readonly secret: string; readonly at: string }
  | { readonly type: 'ConfirmTotpEnrolment'; readonly enrolmentId: string; readonly timeStep: number; readonly at: string }
  | {
      readonly type: 'AcceptTotpCode';
      readonly enrolmentId: string;
      readonly timeStep: number;
      readonly sessionId: string;
      readonly at: string;
    };

export const SECOND_FACTOR_NOT_ENROLLED = 'enrol a second factor first: POST /staff/me/totp';
/** One answer for a wrong code and a used one, so a refusal never tells a guesser that a code was right once. */
export const CODE_REFUSED = 'the code is not correct or was used already';

type Command<Type extends StaffCommand['type']> = Extract<StaffCommand, { type: Type }>;

export function activeStaff(state: StaffState): ActiveStaff & { secrets: StaffSecrets } {
  if (state.status !== 'active') throw new DomainRuleViolation('not_found', 'no such staff member');
  if (isShredded(state.secrets)) throw new DomainRuleViolation('conflict', 'this staff member was erased');
  return { ...state, secrets: state.secrets };
}

/** The secret awaiting its first code, for the handler to check a code against. */
export function pendingTotpOf(state: StaffState): TotpFactor & { secret: string } {
  const { totp } = activeStaff(state);
  if (!totp || totp.enrolled)
    throw new DomainRuleViolation('conflict', 'no second factor awaits confirmation: start with POST /staff/me/totp');
  return opened(totp);
}

/** The confirmed secret, for the handler to check a code against. */
export function enrolledTotpOf(state: StaffState): TotpFactor & { secret: string } {
  const { totp } = activeStaff(state);
  if (!totp?.enrolled) throw new DomainRuleViolation('conflict', SECOND_FACTOR_NOT_ENROLLED);
  return opened(totp);
}

function opened(totp: TotpFactor): TotpFactor & { secret: string } {
  if (isShredded(totp.secret)) throw new DomainRuleViolation('conflict', 'this staff member was erased');
  return { ...totp, secret: totp.secret };
}

function register(command: Command<'RegisterStaffMember'>, state: StaffState): StaffEvent[] {
  if (state.status !== 'none') throw new DomainRuleViolation('conflict', 'this staff member already exists');
  if (command.roles.length === 0) throw new DomainRuleViolation('invalid', 'a staff member needs at least one role');
  const { staffId, roles, at, registeredBy, secrets } = command;
  return [
    {
      type: 'StaffMemberRegistered',
      data: { staffId, roles: [...new Set(roles)], registeredAt: at, registeredBy },
      personal: secrets,
    },
  ];
}

function changePassword({ passwordHash, resetId, at }: Command<'ChangePassword'>, state: StaffState): StaffEvent[] {
  const { staffId, resets } = activeStaff(state);
  if (resets.includes(resetId)) return [];
  return [{ type: 'StaffPasswordChanged', data: { staffId, changedAt: at, reason: 'reset', resetId }, personal: { passwordHash } }];
}

/** Starting again before a code confirmed the secret replaces it; an enrolled factor stays until a reset, which does not exist yet. */
function startTotpEnrolment({ enrolmentId, secret, at }: Command<'StartTotpEnrolment'>, state: StaffState): StaffEvent[] {
  const { staffId, totp } = activeStaff(state);
  if (totp?.enrolled) throw new DomainRuleViolation('conflict', 'a second factor is enrolled already: it cannot be replaced here');
  return [{ type: 'StaffTotpEnrolmentStarted', data: { staffId, enrolmentId, startedAt: at }, personal: { secret } }];
}

function confirmTotpEnrolment({ enrolmentId, timeStep, at }: Command<'ConfirmTotpEnrolment'>, state: StaffState): StaffEvent[] {
  // A code of a secret that a newer enrolment replaced meanwhile confirms nothing.
  if (pendingTotpOf(state).enrolmentId !== enrolmentId)
    throw new DomainRuleViolation('conflict', 'a newer enrolment replaced this secret: enter a code of the latest one');
  return [
    { type: 'StaffTotpEnrolled', data: { staffId: activeStaff(state).staffId, enrolmentId, timeStep, enrolledAt: at }, personal: null },
  ];
}

/** RFC 6238 §5.2: a code is accepted once, and none of its time step or an earlier one after it. */
function acceptTotpCode({ enrolmentId, timeStep, sessionId, at }: Command<'AcceptTotpCode'>, state: StaffState): StaffEvent[] {
  const totp = enrolledTotpOf(state);
  if (totp.enrolmentId !== enrolmentId || (totp.lastTimeStep !== null && timeStep <= totp.lastTimeStep))
    throw new DomainRuleViolation('unauthenticated', CODE_REFUSED);
  const staffId = activeStaff(state).staffId;
  return [{ type: 'StaffTotpCodeAccepted', data: { staffId, enrolmentId, timeStep, sessionId, acceptedAt: at }, personal: null }];
}

function withTotp(state: ActiveStaff, change: Partial<TotpFactor>): ActiveStaff {
  return state.totp ? { ...state, totp: { ...state.totp, ...change } } : state;
}

export const staffDecider: Decider<StaffCommand, StaffState, StaffEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterStaffMember':
        return register(command, state);
      case 'ChangePassword':
        return changePassword(command, state);
      case 'StartTotpEnrolment':
        return startTotpEnrolment(command, state);
      case 'ConfirmTotpEnrolment':
        return confirmTotpEnrolment(command, state);
      case 'AcceptTotpCode':
        return acceptTotpCode(command, state);
      default:
        return unknownCommand(command);
    }
  },
  evolve(state, event) {
    if (event.type === 'StaffMemberRegistered') {
      const { staffId, roles } = event.data;
      return { status: 'active', staffId, roles, secrets: event.personal, resets: [], totp: null };
    }
    if (state.status !== 'active') return state;
    switch (event.type) {
      case 'StaffPasswordChanged': {
        const resets = [...state.resets, event.data.resetId];
        if (isShredded(state.secrets) || isShredded(event.personal)) return { ...state, resets, secrets: { shredded: true } };
        return { ...state, resets, secrets: { ...state.secrets, passwordHash: event.personal.passwordHash } };
      }
      case 'StaffTotpEnrolmentStarted': {
        const secret = isShredded(event.personal) ? event.personal : event.personal.secret;
        return { ...state, totp: { enrolmentId: event.data.enrolmentId, secret, enrolled: false, lastTimeStep: null } };
      }
      case 'StaffTotpEnrolled':
        return withTotp(state, { enrolled: true, lastTimeStep: event.data.timeStep });
      case 'StaffTotpCodeAccepted':
        return withTotp(state, { lastTimeStep: event.data.timeStep });
      default:
        return unknownEvent(event, state);
    }
  },
};

export const staffAggregate: Aggregate<StaffCommand, StaffState, StaffEvent> = {
  name: 'staff-member',
  eventTypes: ['StaffMemberRegistered', 'StaffPasswordChanged', 'StaffTotpEnrolmentStarted', 'StaffTotpEnrolled', 'StaffTotpCodeAccepted'],
  decider: staffDecider,
  subjectOf: (event) => staffSubject(event.data.staffId),
};
