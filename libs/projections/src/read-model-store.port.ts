import type { JsonObject } from '@privacy-ledger/ledger';

/** What a projection may do to its read model, inside the transaction that also moves its checkpoint. */
export interface ReadModelTransaction {
  get<T extends JsonObject>(collection: string, id: string): Promise<T | null>;
  put(collection: string, id: string, document: JsonObject): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
}

export interface ListOptions {
  /** Top-level fields that must equal these values. */
  readonly where?: JsonObject;
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * The query side. Documents hold personal data only as sealed parts (base64); whoever reads them
 * decrypts on the way out, so a destroyed key makes every copy unreadable at once.
 */
export interface ReadModelStore {
  get<T extends JsonObject>(collection: string, id: string): Promise<T | null>;
  list<T extends JsonObject>(collection: string, options?: ListOptions): Promise<T[]>;
}
