import { epochSecret, newKekPair, unwrapDataKey, type KekPair, type WrapBinding } from './key-wrap';
import { KekUnavailableError, type KekStore } from './kek-store.port';

/** For specifications, and for a process whose keys must not outlive it. */
export class InMemoryKekStore implements KekStore {
  readonly description = 'memory';
  private readonly pairs = new Map<number, KekPair>();

  async epochs(): Promise<number[]> {
    return [...this.pairs.keys()].sort((a, b) => a - b);
  }

  async create(epoch: number): Promise<Buffer> {
    const pair = this.pairs.get(epoch) ?? newKekPair();
    this.pairs.set(epoch, pair);
    return pair.publicKey;
  }

  async publicKey(epoch: number): Promise<Buffer | null> {
    return this.pairs.get(epoch)?.publicKey ?? null;
  }

  async unwrap(wrapped: Uint8Array, binding: WrapBinding): Promise<Buffer> {
    const pair = this.pairs.get(binding.epoch);
    if (!pair) throw new KekUnavailableError(binding.epoch, this.description);
    return unwrapDataKey(pair.privateKey, wrapped, binding);
  }

  async secret(epoch: number, purpose: string): Promise<Buffer> {
    const pair = this.pairs.get(epoch);
    if (!pair) throw new KekUnavailableError(epoch, this.description);
    return epochSecret(pair.privateKey, purpose);
  }

  async destroy(epoch: number): Promise<void> {
    this.pairs.get(epoch)?.privateKey.fill(0);
    this.pairs.delete(epoch);
  }
}
