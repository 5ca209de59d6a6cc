export const STAFF_ROLES = ['support', 'billing', 'card-custodian', 'privacy-officer', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling, by id only: tokens and principals never carry names, e-mails or user names. */
export interface Principal {
  readonly id: string;
  readonly kind: 'customer' | 'staff';
  readonly roles: readonly StaffRole[];
  readonly sessionId: string;
}

export const TOKEN_ISSUER = 'privacy-ledger/identity';
export const TOKEN_AUDIENCE = 'privacy-ledger';
