export const STAFF_ROLES = ['support', 'billing', 'card-custodian', 'privacy-officer', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling, by id only: tokens and principals never carry names, e-mails or user names. */
export interface Principal {
  readonly id: string;
  readonly kind: 'customer' | 'staff';
  readonly roles: readonly StaffRole[];
  readonly sessionId: string;
  /** When the access token was issued (ms): a token older than the principal's revocation is refused. */
  readonly issuedAt: number;
  /** When the password was last re-entered in this session (ms), if it was: the step-up of P14. */
  readonly stepUpAt: number | null;
  /**
   * When a one-time code of the staff member's second factor (TOTP, RFC 6238) was last accepted in this session
   * (ms), if it was: card data opens to card custodians only after it.
   */
  readonly mfaAt: number | null;
}

/** Who someone is, whichever session they are in. */
export type PrincipalIdentity = Pick<Principal, 'id' | 'kind' | 'roles'>;

/** How recent a re-entry of the password must be for a route that asks for step-up. */
export const STEP_UP_WINDOW_MS = 5 * 60 * 1000;

export const TOKEN_ISSUER = 'privacy-ledger/identity';
/** How long an access token lives: identity issues them for this long, and every service refuses a longer one. */
export const ACCESS_TOKEN_TTL_SECONDS = 600;
export const TOKEN_AUDIENCE = 'privacy-ledger';
