import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The key-encryption keys (KEKs) by epoch. Data keys are only ever stored wrapped under one of these,
 * so retiring an epoch's KEK makes every copy of a key wrapped under it (backups, dead rows) useless.
 */
export interface KeyEncryptionKeys {
  currentEpoch(): number;
  keyOf(epoch: number): Buffer | undefined;
  /** Adds a newer epoch when this source can make one (a development key file); otherwise the operator configures it. */
  addEpoch(): Promise<number>;
  /** Forgets the KEKs of every epoch before `epoch`, when this source holds them itself. */
  forgetBefore(epoch: number): Promise<void>;
}

type EpochKeys = Map<number, Buffer>;

function parseEpochKeys(json: string, origin: string): EpochKeys {
  const parsed = JSON.parse(json) as Record<string, string>;
  const keys: EpochKeys = new Map();
  for (const [epoch, key] of Object.entries(parsed)) {
    const bytes = Buffer.from(key, 'base64');
    if (!/^\d+$/.test(epoch) || bytes.length !== 32) throw new Error(`${origin}: each entry must be "<epoch>": "<32 bytes in base64>"`);
    keys.set(Number(epoch), bytes);
  }
  if (keys.size === 0) throw new Error(`${origin}: no key-encryption key configured`);
  return keys;
}

function serialise(keys: EpochKeys): string {
  return JSON.stringify(Object.fromEntries([...keys].map(([epoch, key]) => [epoch, key.toString('base64')])), null, 2);
}

class InMemoryKeys implements KeyEncryptionKeys {
  constructor(protected readonly keys: EpochKeys) {}
  currentEpoch(): number {
    return Math.max(...this.keys.keys());
  }
  keyOf(epoch: number): Buffer | undefined {
    return this.keys.get(epoch);
  }
  async addEpoch(): Promise<number> {
    throw new Error('key-encryption keys come from configuration: add the next epoch to KEYRING_KEKS, then rotate');
  }
  async forgetBefore(_epoch: number): Promise<void> {
    // Configured keys are the operator's to remove; the keyring refuses retired epochs meanwhile.
  }
}

/** `KEYRING_KEKS`: JSON, epoch to base64 key, e.g. {"1":"..."}; the highest epoch is current. */
export function keysFromConfiguration(json: string): KeyEncryptionKeys {
  return new InMemoryKeys(parseEpochKeys(json, 'KEYRING_KEKS'));
}

/** A development KEK file, generated on first use. It lives beside the data it protects: for development only. */
class KeyFile extends InMemoryKeys {
  constructor(
    private readonly path: string,
    keys: EpochKeys,
  ) {
    super(keys);
  }
  override async addEpoch(): Promise<number> {
    const epoch = this.currentEpoch() + 1;
    this.keys.set(epoch, randomBytes(32));
    this.save();
    return epoch;
  }
  override async forgetBefore(epoch: number): Promise<void> {
    for (const old of [...this.keys.keys()]) if (old < epoch) this.keys.delete(old);
    this.save();
  }
  private save(): void {
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, serialise(this.keys), { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}

export function developmentKeyFile(path: string): { keys: KeyEncryptionKeys; created: boolean } {
  if (existsSync(path)) return { keys: new KeyFile(path, parseEpochKeys(readFileSync(path, 'utf8'), path)), created: false };
  mkdirSync(dirname(path), { recursive: true });
  const keys = new KeyFile(path, new Map([[1, randomBytes(32)]]));
  writeFileSync(path, serialise(new Map([[1, keys.keyOf(1)!]])), { mode: 0o600, flag: 'wx' });
  return { keys, created: true };
}
