import type { JsonObject, Position } from '@privacy-ledger/ledger';

/**
 * What a projection may do to its read model within a batch that also moves its checkpoint. Each write
 * names the position of the event it comes from, and a document never goes back: a write at or before the
 * position the document was last written at changes nothing. A store without transactions (MongoDB) may
 * keep documents written before a crash kept it from moving the checkpoint; the batch, delivered again,
 * then changes nothing of them.
 */
export interface ReadModelTransaction {
  get<T extends JsonObject>(collection: string, id: string): Promise<T | null>;
  put(collection: string, id: string, document: JsonObject, position: Position): Promise<void>;
  delete(collection: string, id: string, position: Position): Promise<void>;
  /** Deletes every document whose top-level fields equal `where`'s (an erased account's documents), as `delete` does each. */
  deleteWhere(collection: string, where: JsonObject, position: Position): Promise<void>;
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

/** A newer holder of a projection's lease has written: this runner must stop. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(readonly projection: string) {
    super(`projection ${projection}: a newer runner holds the lease`);
  }
}

/**
 * Read models with their projections' checkpoints. Every write names the writer's fence (from its lease):
 * a write with an older fence than one already seen is refused with LeaseLostError, so a runner that
 * lost its lease can never overwrite the work of the one that took over.
 */
export interface ReadModels extends ReadModelStore {
  /** Records the fence of a runner taking over and returns the position to go on after. */
  takeOver(projection: string, fence: number): Promise<Position>;
  /** Applies a batch and moves the checkpoint to `to`: both happen or neither. */
  applyBatch(projection: string, to: Position, fence: number, apply: (readModel: ReadModelTransaction) => Promise<void>): Promise<void>;
  /** Wipes the collections and the checkpoint, for a rebuild from position zero. */
  reset(projection: string, collections: readonly string[], fence: number): Promise<void>;
  checkpoint(projection: string): Promise<Position>;
  /** The projections whose checkpoint is beyond `head`: they have seen a log that is not this one. */
  checkpointsAfter(head: Position): Promise<ReadonlyMap<string, Position>>;
  /**
   * Resolves true once the projection has applied everything up to `position` (whichever process runs
   * it), false after `timeoutMs`: how a write answers only when its read model shows it.
   */
  applied(projection: string, position: Position, timeoutMs?: number): Promise<boolean>;
}

export const READ_MODELS = Symbol('ReadModels');
