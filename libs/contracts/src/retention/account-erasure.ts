/**
 * The erasure of an account across services (P11, P12), as events every service relies on (schema version 1).
 * Retention starts it; each participant destroys the account's keys in its own keyring, removes every other
 * trace keyed to the account, and confirms; retention completes it once every participant confirmed and the
 * KEK epoch that still wrapped the destroyed keys was retired in each participant's keyring.
 */
export const ERASURE_STARTED = 'ErasureStarted';
export const ACCOUNT_ERASURE_CONFIRMED = 'AccountErasureConfirmed';
export const KEK_EPOCH_RETIRED = 'KekEpochRetired';

/** Every service that holds data of an account: an erasure completes when all of them confirmed. */
export const ERASURE_PARTICIPANTS = ['identity', 'contacts', 'payment-vault', 'retention'] as const;
export type ErasureParticipant = (typeof ERASURE_PARTICIPANTS)[number];

/** Why the data goes: the customer's request on closing (P11), the end of the retention period (P12), or a verified request. */
export const LEGAL_BASES = ['removal-requested-on-closure', 'retention-period-ended', 'verified-request'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export interface ErasureStartedData {
  readonly accountId: string;
  readonly erasureId: string;
  readonly legalBasis: LegalBasis;
  /** Who asked: the customer's or the privacy officer's id. */
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly startedAt: string;
  readonly participants: readonly ErasureParticipant[];
}

/** A key of the account, gone from the participant's keyring: by subject id only. */
export interface DestroyedKey {
  readonly subjectId: string;
  readonly destroyedAt: string;
  /** The KEK epoch whose KEK still wraps copies of it (backups, dead rows) until that epoch is retired. */
  readonly epoch: number | null;
}

export interface AccountErasureConfirmedData {
  readonly accountId: string;
  readonly erasureId: string;
  readonly service: ErasureParticipant;
  readonly destroyedKeys: readonly DestroyedKey[];
  /** What else went: read-model collections and other stores, by name. */
  readonly removed: readonly string[];
  /** The position of the ErasureStarted this confirms: the participant had applied everything up to it. */
  readonly position: number;
  readonly confirmedAt: string;
}

/** A participant's KEK of `epoch` is destroyed: no copy of a key destroyed in that epoch or before can be opened again. */
export interface KekEpochRetiredData {
  readonly service: string;
  readonly epoch: number;
  readonly retiredAt: string;
}

/** The stream of a participant's confirmation: one per account, so that it is given once. */
export const erasureConfirmationStream = (service: string, accountId: string) => `account-erasure-confirmation-${service}-${accountId}`;
/** The stream of a participant's retired KEK epochs, in order. */
export const kekEpochStream = (service: string) => `kek-epochs-${service}`;
