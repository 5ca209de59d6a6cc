import type { DomainEvent, PersonalSubject, Shredded } from '@privacy-ledger/ledger';

/** What a card is, sealed under the card's own key: the only place its number is ever written. */
export interface CardDetails {
  readonly number: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly holderName: string;
}

type Personal = CardDetails | Shredded;

/**
 * Nothing derived from the number stands in clear (events written before this carried a keyed `fingerprint`, now
 * ignored: README, "Card fingerprints in older ledgers").
 */
export type CardAdded = DomainEvent<'CardAdded', { accountId: string; cardId: string; addedAt: string }, Personal>;
/**
 * Carries the card's whole details as they now are, so the read model keeps only the latest sealed part.
 * `byCustodian`: the staff member who applied the change and the customer's request they applied.
 */
export type CardChanged = DomainEvent<
  'CardChanged',
  {
    accountId: string;
    cardId: string;
    fields: (keyof CardDetails)[];
    changedAt: string;
    byCustodian?: CustodianUse;
  },
  Personal
>;

/** Which card custodian used a card, on which of the customer's requests (P9). */
export interface CustodianUse {
  readonly staffId: string;
  readonly requestId: string;
}
/** The card's key is destroyed after this event: its earlier events stay in the ledger, unreadable. */
export type CardDeleted = DomainEvent<'CardDeleted', { accountId: string; cardId: string; deletedAt: string }, null>;

export type CardEvent = CardAdded | CardChanged | CardDeleted;

/**
 * The key an account's card fingerprints are made under: the same for all its cards, so a number is recognised
 * across them, and destroyed with the account, so a fingerprint kept by a client names no number afterwards.
 */
export function fingerprintSubject(accountId: string): PersonalSubject {
  return { subjectId: `card-fingerprints-${accountId}`, accountId };
}

/** Every card is a subject of its own, so deleting one destroys its key alone. */
export function cardSubject(cardId: string, accountId: string): PersonalSubject {
  return { subjectId: `card-${cardId}`, accountId };
}
