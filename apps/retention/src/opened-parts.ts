import {
  personalOrShredded,
  sealedPartFromStore,
  type PersonalDataCipher,
  type Shredded,
  type StoredSealedPart,
} from '@privacy-ledger/ledger';

/** A sealed part a read model kept, with the account whose keyring must open it. */
export interface KeptPart {
  readonly part: StoredSealedPart | null;
  readonly accountId: string;
}

/**
 * Opens the parts in one key look-up, in the order given: null where there was none, `shredded` where
 * the key is gone. Read models hold personal data only sealed; this is where a query opens it on the way out.
 */
export async function openKeptParts<T>(keyring: PersonalDataCipher, kept: readonly KeptPart[]): Promise<(T | Shredded | null)[]> {
  const present = kept.flatMap(({ part, accountId }) => (part ? [sealedPartFromStore(part, accountId)] : []));
  const opened = await keyring.decryptMany<T>(present);
  let next = 0;
  return kept.map(({ part }) => (part ? personalOrShredded(opened[next++]) : null));
}
