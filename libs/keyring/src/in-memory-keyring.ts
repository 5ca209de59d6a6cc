import { randomBytes } from 'node:crypto';
import type { Decrypted, EventStore, PendingAppend, PersonalSubject, SealedPart, SealedPlace } from '@privacy-ledger/ledger';
import { blindToken, type UnboundBinding } from './blind-index';
import { macUnder, openValue, seal, subjectOf } from './envelope';
import { KeyKeptElsewhereError, SubjectErasedError } from './errors';
import type { Claims, DestroyedKey, EpochClosure, Keyring, OpenEpoch, RetiredEpoch, UniqueClaims } from './keyring.port';

/**
 * The keyring in this process's memory, for fast specifications: real encryption under a key per subject,
 * the same erasure fence, and claims that go with a destroyed key, as the SQL keyring has them.
 */
export class InMemoryKeyring implements Keyring {
  private readonly keys = new Map<string, { key: Buffer; accountId: string; keptBy: string }>();
  private readonly destroyed = new Map<string, DestroyedKey & { accountId: string }>();
  private readonly retired: RetiredEpoch[] = [];
  private readonly erasedAccounts = new Set<string>();
  private readonly forgetters: ((isGone: (subject: PersonalSubject) => boolean) => void)[] = [];
  private readonly closers: (() => void)[] = [];
  private epoch: OpenEpoch;

  /**
   * `owner`: the service whose keys these are; `now`: the time epochs open at (the platform's clock). A key
   * destroyed here leaves no copy, so closing an epoch only counts.
   */
  constructor(
    readonly owner: string,
    private readonly now: () => Date,
  ) {
    this.epoch = { epoch: 1, openedAt: now(), erasures: 0 };
  }

  async encrypt(subject: PersonalSubject, value: unknown, place: SealedPlace): Promise<Uint8Array> {
    return seal(subject.subjectId, this.keyForWriting(subject), Buffer.from(JSON.stringify(value), 'utf8'), place);
  }

  async mac(subject: PersonalSubject, value: string): Promise<string> {
    return macUnder(this.keyForWriting(subject), value);
  }

  private keyForWriting(subject: PersonalSubject): Buffer {
    if (this.destroyed.has(subject.subjectId) || this.erasedAccounts.has(subject.accountId))
      throw new SubjectErasedError(subject.subjectId);
    const keptBy = subject.keptBy ?? this.owner;
    const entry = this.keys.get(subject.subjectId) ?? { key: randomBytes(32), accountId: subject.accountId, keptBy };
    if (this.keys.has(subject.subjectId) && entry.keptBy !== this.owner)
      throw new KeyKeptElsewhereError(subject.subjectId, entry.keptBy, this.owner);
    this.keys.set(subject.subjectId, entry);
    return entry.key;
  }

  async decrypt<T>(part: SealedPart): Promise<Decrypted<T>> {
    const [decrypted] = await this.decryptMany<T>([part]);
    return decrypted;
  }

  async decryptMany<T>(parts: readonly SealedPart[]): Promise<Decrypted<T>[]> {
    return parts.map((part) => {
      const subjectId = subjectOf(part.sealed);
      const entry = this.keys.get(subjectId);
      if (entry && entry.keptBy !== this.owner) throw new KeyKeptElsewhereError(subjectId, entry.keptBy, this.owner);
      return entry ? { status: 'ok', value: openValue<T>(part, entry.key, entry.accountId) } : { status: 'shredded', subjectId };
    });
  }

  async destroy(subjectId: string, accountId: string): Promise<void> {
    if (!this.destroyed.has(subjectId)) {
      this.epoch = { ...this.epoch, erasures: this.epoch.erasures + 1 };
      this.destroyed.set(subjectId, { subjectId, accountId, destroyedAt: this.now(), epoch: this.epoch.epoch });
    }
    this.keys.delete(subjectId);
    this.forgetters.forEach((forget) => forget((subject) => subject.subjectId === subjectId));
  }

  async destroyAccount(accountId: string): Promise<DestroyedKey[]> {
    this.erasedAccounts.add(accountId);
    const subjects = [...this.keys].filter(([, entry]) => entry.accountId === accountId).map(([subjectId]) => subjectId);
    for (const subjectId of subjects) await this.destroy(subjectId, accountId);
    this.forgetters.forEach((forget) => forget((subject) => subject.accountId === accountId));
    return [...this.destroyed.values()]
      .filter((key) => key.accountId === accountId)
      .map(({ subjectId, destroyedAt, epoch }) => ({ subjectId, destroyedAt, epoch }))
      .sort((a, b) => a.subjectId.localeCompare(b.subjectId));
  }

  async isErased(accountId: string): Promise<boolean> {
    return this.erasedAccounts.has(accountId);
  }

  async liveKeys(subjectIds: readonly string[]): Promise<string[]> {
    return subjectIds.filter((subjectId) => this.keys.get(subjectId)?.keptBy === this.owner).sort();
  }

  async liveKeysOf(accountId: string): Promise<string[]> {
    return [...this.keys]
      .filter(([, entry]) => entry.accountId === accountId && entry.keptBy === this.owner)
      .map(([subjectId]) => subjectId)
      .sort();
  }

  async subjectsOf(accountId: string): Promise<string[]> {
    const destroyed = [...this.destroyed.values()].filter((key) => key.accountId === accountId).map((key) => key.subjectId);
    return [...(await this.liveKeysOf(accountId)), ...destroyed].sort();
  }

  async retiredEpochs(): Promise<RetiredEpoch[]> {
    return [...this.retired];
  }

  async openEpoch(): Promise<OpenEpoch> {
    return this.epoch;
  }

  async closeEpoch(): Promise<EpochClosure> {
    const { epoch, erasures } = this.epoch;
    this.epoch = { epoch: epoch + 1, openedAt: this.now(), erasures: 0 };
    this.retired.push({ epoch, retiredAt: this.now() });
    this.closers.forEach((rekey) => rekey());
    return { closed: [epoch], current: epoch + 1, erasuresCompleted: erasures };
  }

  /** Claims whose entries this keyring deletes with a destroyed key, as the SQL blind index's are. */
  claims(events: EventStore): UniqueClaims {
    const claims = new InMemoryUniqueClaims(events, (accountId) => {
      for (const [subjectId, entry] of this.keys) if (entry.accountId === accountId) this.keys.delete(subjectId);
    });
    this.forgetters.push((isGone) => claims.forget(isGone));
    this.closers.push(() => claims.rekey());
    return claims;
  }
}

/** Values are held as they are (in memory, which no copy outlives), by token under a key that closing the epoch replaces. */
class InMemoryUniqueClaims implements UniqueClaims {
  private key = randomBytes(32);
  private readonly unique = new Map<string, { scope: string; value: string; subject: PersonalSubject }>();
  private readonly shared = new Map<string, { scope: string; value: string; subject: PersonalSubject }>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly events: EventStore,
    private readonly discardKeysOf: (accountId: string) => void,
  ) {}

  async holder(scope: string, value: string): Promise<PersonalSubject | null> {
    return this.unique.get(this.tokenOf(scope, value))?.subject ?? null;
  }

  async sharers(scope: string, value: string): Promise<PersonalSubject[]> {
    const token = this.tokenOf(scope, value);
    return [...this.shared.values()]
      .filter((entry) => this.tokenOf(entry.scope, entry.value) === token)
      .map((entry) => entry.subject)
      .sort((a, b) => a.subjectId.localeCompare(b.subjectId));
  }

  /** One claim at a time, so two racing for one value cannot both find it free. */
  claimAndAppend(claims: Claims, subject: PersonalSubject, append: PendingAppend<unknown, unknown>): Promise<boolean> {
    const run = this.queue.then(async () => {
      const entries = Object.entries(claims.unique).map(([scope, value]) => ({ scope, value, subject }));
      if (
        entries.some(
          (entry) =>
            (this.unique.get(this.tokenOf(entry.scope, entry.value))?.subject.subjectId ?? subject.subjectId) !== subject.subjectId,
        )
      ) {
        if (append.expectedRevision === 'no_stream') this.discardKeysOf(subject.accountId);
        return false;
      }
      await this.events.append(append.streamId, append.events, { expectedRevision: append.expectedRevision });
      for (const entry of entries) {
        this.forget((held) => held.subjectId === subject.subjectId, entry.scope);
        this.unique.set(this.tokenOf(entry.scope, entry.value), entry);
      }
      for (const [scope, value] of Object.entries(claims.shared))
        this.shared.set(`${scope}\u0000${subject.subjectId}`, { scope, value, subject });
      return true;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async token(scope: string, value: string): Promise<string> {
    return this.tokenOf(scope, value);
  }

  /** Every entry here was bound from the start. */
  async bindUnbound(): Promise<UnboundBinding> {
    return { bound: 0, deleted: 0, unmatched: 0 };
  }

  /** The epoch closed: every token changes. */
  rekey(): void {
    const entries = [...this.unique.values()];
    this.key = randomBytes(32);
    this.unique.clear();
    for (const entry of entries) this.unique.set(this.tokenOf(entry.scope, entry.value), entry);
  }

  forget(isGone: (subject: PersonalSubject) => boolean, scope?: string): void {
    for (const [token, entry] of this.unique)
      if (isGone(entry.subject) && (scope ?? entry.scope) === entry.scope) this.unique.delete(token);
    for (const [key, entry] of this.shared) if (isGone(entry.subject) && scope === undefined) this.shared.delete(key);
  }

  private tokenOf(scope: string, value: string): string {
    return blindToken(this.key, scope, value);
  }
}
