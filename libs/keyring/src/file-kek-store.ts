import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { epochSecret, newKekPair, publicKeyOf, unwrapDataKey, type WrapBinding } from './key-wrap';
import { KekUnavailableError, type KekStore } from './kek-store.port';

const FILE = /^epoch-(\d+)\.key$/;

/**
 * KEKs as files, one per epoch, in a directory of their own (0700, files 0600) outside the data
 * directory: for one host. Every unwrap reads the file, so an epoch destroyed by any process is gone
 * for all of them at once.
 */
export class FileKekStore implements KekStore {
  private constructor(private readonly directory: string) {}

  get description(): string {
    return `the KEK directory ${this.directory}`;
  }

  static open(directory: string): FileKekStore {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    chmodSync(directory, 0o700);
    return new FileKekStore(directory);
  }

  async epochs(): Promise<number[]> {
    return readdirSync(this.directory)
      .flatMap((name) => FILE.exec(name)?.slice(1, 2) ?? [])
      .map(Number)
      .sort((a, b) => a - b);
  }

  async create(epoch: number): Promise<Buffer> {
    const existing = await this.publicKey(epoch);
    if (existing) return existing;
    const pair = newKekPair();
    const temporary = join(this.directory, `.epoch-${epoch}.${randomBytes(6).toString('hex')}.tmp`);
    writeDurably(temporary, pair.privateKey);
    try {
      linkSync(temporary, this.pathOf(epoch));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
    syncDirectory(this.directory);
    return (await this.publicKey(epoch))!;
  }

  async publicKey(epoch: number): Promise<Buffer | null> {
    const privateKey = this.read(epoch);
    return privateKey ? publicKeyOf(privateKey) : null;
  }

  async unwrap(wrapped: Uint8Array, binding: WrapBinding): Promise<Buffer> {
    const privateKey = this.read(binding.epoch);
    if (!privateKey) throw new KekUnavailableError(binding.epoch, this.description);
    return unwrapDataKey(privateKey, wrapped, binding);
  }

  async secret(epoch: number, purpose: string): Promise<Buffer> {
    const privateKey = this.read(epoch);
    if (!privateKey) throw new KekUnavailableError(epoch, this.description);
    return epochSecret(privateKey, purpose);
  }

  /** Overwrites the key before unlinking it: on most file systems that is all a process can do; backups are the operator's. */
  async destroy(epoch: number): Promise<void> {
    const path = this.pathOf(epoch);
    const size = this.read(epoch)?.length;
    if (size === undefined) return;
    writeDurably(path, randomBytes(size), 'r+');
    unlinkSync(path);
    syncDirectory(this.directory);
  }

  private read(epoch: number): Buffer | null {
    try {
      return readFileSync(this.pathOf(epoch));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private pathOf(epoch: number): string {
    return join(this.directory, `epoch-${epoch}.key`);
  }
}

function writeDurably(path: string, bytes: Buffer, flag = 'wx'): void {
  const fd = openSync(path, flag, 0o600);
  try {
    writeSync(fd, bytes, 0, bytes.length, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
