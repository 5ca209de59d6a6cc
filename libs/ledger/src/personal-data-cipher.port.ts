export interface PersonalSubject {
  readonly subjectId: string;
  readonly accountId: string;
  /**
   * The service whose KEK keeps this subject's key, when it is not the sealing service: a hand-over. The
   * sealing service wraps a new key to that service's public epoch key and cannot open the part again.
   */
  readonly keptBy?: string;
}

export type Decrypted<T> = { readonly status: 'ok'; readonly value: T } | { readonly status: 'shredded'; readonly subjectId: string };

/** Where a sealed part belongs: its authenticated data, so that a part copied into another event or stream fails to open. */
export interface SealedPlace {
  readonly streamId: string;
  readonly eventId: string;
}

export interface SealedPart {
  readonly sealed: Uint8Array;
  readonly place: SealedPlace;
  /**
   * The account whose key must open it, when the part comes from a store that is not the ledger (a read
   * model): a part another account's key opens was moved there from another customer, and is misplaced.
   */
  readonly accountId?: string;
}

/** What the ledger's write path needs from the keyring: one sealed part per event, bound to its subject and its place. */
export interface PersonalDataCipher {
  /** The service whose keys these are. */
  readonly owner: string;
  encrypt(subject: PersonalSubject, value: unknown, place: SealedPlace): Promise<Uint8Array>;
  decrypt<T>(part: SealedPart): Promise<Decrypted<T>>;
  /** In the order given; one key look-up for many parts. */
  decryptMany<T>(parts: readonly SealedPart[]): Promise<Decrypted<T>[]>;
}

/**
 * A sealed part that does not open where it was found: moved from another place (tampering, or a copy gone
 * wrong) or altered. Authenticated encryption cannot tell the two apart, and either way it is never served.
 */
export class SealedPartMisplacedError extends Error {
  override readonly name = 'SealedPartMisplacedError';
  constructor(readonly place: SealedPlace) {
    super(`the sealed part of event ${place.eventId} in ${place.streamId} does not open there: sealed for another place, or altered`);
  }
}
