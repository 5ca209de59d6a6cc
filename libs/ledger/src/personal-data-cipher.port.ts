export interface PersonalSubject {
  readonly subjectId: string;
  readonly accountId: string;
}

export type Decrypted<T> = { readonly status: 'ok'; readonly value: T } | { readonly status: 'shredded'; readonly subjectId: string };

/** What the ledger's repository needs from the keyring: one sealed part per event. */
export interface PersonalDataCipher {
  encrypt(subject: PersonalSubject, value: unknown): Promise<Uint8Array>;
  decrypt<T>(sealed: Uint8Array): Promise<Decrypted<T>>;
  /** In the order given; one key look-up for many parts. */
  decryptMany<T>(sealed: readonly Uint8Array[]): Promise<Decrypted<T>[]>;
}
