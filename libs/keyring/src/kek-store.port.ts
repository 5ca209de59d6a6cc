import type { WrapBinding } from './key-wrap';

/**
 * Where a service's key-encryption keys live: outside the database and outside the data directory, so
 * that a copy of the data is not a copy of the keys. One X25519 key pair per epoch; the private half
 * never leaves the store (a KMS adapter would unwrap inside the KMS), the public half is what wraps.
 */
export interface KekStore {
  /** Where the keys are, for messages to an operator (a path, a KMS key ring); never the keys. */
  readonly description: string;
  /** The epochs whose private key the store holds, ascending. */
  epochs(): Promise<number[]>;
  /** Makes the key pair of an epoch, or returns the one it holds; answers its public key. */
  create(epoch: number): Promise<Buffer>;
  /** The public key of an epoch held here, or null: what a start compares with the database's record. */
  publicKey(epoch: number): Promise<Buffer | null>;
  /** Opens a data key wrapped to this epoch; KekUnavailableError when the epoch's key is not (or no longer) here. */
  unwrap(wrapped: Uint8Array, binding: WrapBinding): Promise<Buffer>;
  /**
   * A 32-byte secret of the epoch for one purpose (a blind index's key), derived from its private key: the same
   * in every process, and gone when the epoch is destroyed. KekUnavailableError when the epoch is not here.
   */
  secret(epoch: number, purpose: string): Promise<Buffer>;
  /** Destroys the epoch's private key for good: every data key wrapped to it, in any copy, is lost. */
  destroy(epoch: number): Promise<void>;
}

export class KekUnavailableError extends Error {
  override readonly name = 'KekUnavailableError';
  constructor(
    readonly epoch: number,
    where: string,
  ) {
    super(`the key-encryption key of epoch ${epoch} is not in ${where}`);
  }
}
