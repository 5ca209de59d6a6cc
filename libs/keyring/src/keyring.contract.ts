import { randomUUID } from 'node:crypto';
import {
  newEvent,
  SealedPartMisplacedError,
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
  type PendingAppend,
  type PersonalSubject,
  type SealedPart,
} from '@privacy-ledger/ledger';
import { eventually } from '@privacy-ledger/testing';
import { KeyKeptElsewhereError, SubjectErasedError } from './errors';
import type { Keyring, UniqueClaims } from './keyring.port';

export interface KeyringUnderTest {
  /** Kept by `contacts`. */
  readonly keyring: Keyring;
  /** Another service, ready to keep keys handed over to it (`identity`). */
  readonly otherService: string;
  readonly claims: UniqueClaims;
  readonly events: EventStore;
  close(): Promise<void>;
}

const CANARY = 'Zelda Quaxbottom, 17 Canary Lane';
const context = { correlationId: randomUUID(), causationId: null, actor: 'test', occurredAt: new Date(0).toISOString() };
const subjectOf = (accountId = randomUUID()): PersonalSubject => ({ subjectId: `person-${randomUUID()}`, accountId });
/** The first event of an account, for claims that go with it. */
export const opening = (streamId: string, expectedRevision: ExpectedRevision = 'no_stream'): PendingAppend<unknown, unknown> => ({
  streamId,
  events: [newEvent({ type: 'AccountOpened', data: {}, personal: null }, context)],
  expectedRevision,
  outcome: { state: null, events: [], revision: 0 },
});
const login = (username: string, email: string) => ({ unique: { username }, shared: { email } });

/** Every adapter pair of the Keyring and UniqueClaims ports passes this suite. */
export function keyringContract(open: () => Promise<KeyringUnderTest>): void {
  let subject: KeyringUnderTest;
  let keyring: Keyring;
  let claims: UniqueClaims;
  /** Seals as the write path does: for one event in one stream. */
  const sealFor = async (owner: PersonalSubject, value: unknown): Promise<SealedPart> => {
    const place = { streamId: `stream-${randomUUID()}`, eventId: randomUUID() };
    return { sealed: await keyring.encrypt(owner, value, place), place };
  };
  beforeAll(async () => ({ keyring, claims } = subject = await open()));
  afterAll(() => subject.close());

  describe('keyring', () => {
    it('encrypts a subject personal data as one part that holds no plaintext, and decrypts it', async () => {
      const sealed = await sealFor(subjectOf(), { name: CANARY });
      expect(Buffer.from(sealed.sealed).toString('latin1')).not.toContain('Canary');
      await expect(keyring.decrypt(sealed)).resolves.toEqual({ status: 'ok', value: { name: CANARY } });
    });

    it('opens a part only in the place it was sealed for: not in another event, nor in another stream', async () => {
      const part = await sealFor(subjectOf(), { name: CANARY });
      const moved = [
        { ...part, place: { ...part.place, eventId: randomUUID() } },
        { ...part, place: { ...part.place, streamId: `stream-${randomUUID()}` } },
      ];
      for (const misplaced of moved) await expect(keyring.decrypt(misplaced)).rejects.toBeInstanceOf(SealedPartMisplacedError);
      await expect(keyring.decryptMany([part, moved[0]])).rejects.toMatchObject({ place: moved[0].place });
    });

    it('opens a part read from a read model only for the account named by the reader: not one moved from another customer', async () => {
      const owner = subjectOf();
      const part = await sealFor(owner, { name: CANARY });
      await expect(keyring.decrypt({ ...part, accountId: owner.accountId })).resolves.toEqual({ status: 'ok', value: { name: CANARY } });
      await expect(keyring.decrypt({ ...part, accountId: `account-${randomUUID()}` })).rejects.toBeInstanceOf(SealedPartMisplacedError);
    });

    it('hands a new subject over to the service that keeps it: seals for it once, and can open nothing of it', async () => {
      const handedOver = { ...subjectOf(), keptBy: subject.otherService };
      const part = await sealFor(handedOver, { name: CANARY });
      await expect(keyring.decrypt(part)).rejects.toBeInstanceOf(KeyKeptElsewhereError);
      await expect(sealFor(handedOver, { name: CANARY })).rejects.toBeInstanceOf(KeyKeptElsewhereError);
      await expect(sealFor({ ...handedOver, keptBy: undefined }, { name: CANARY })).rejects.toBeInstanceOf(KeyKeptElsewhereError);
    });

    it('returns "shredded" once the key is destroyed, without throwing, and in order for many parts', async () => {
      const [kept, erased] = [subjectOf(), subjectOf()];
      const parts = [await sealFor(kept, { n: 1 }), await sealFor(erased, { n: 2 }), await sealFor(kept, { n: 3 })];
      await keyring.destroy(erased.subjectId, erased.accountId);
      expect(await keyring.decryptMany(parts)).toEqual([
        { status: 'ok', value: { n: 1 } },
        { status: 'shredded', subjectId: erased.subjectId },
        { status: 'ok', value: { n: 3 } },
      ]);
    });

    it("makes MACs under a subject's own key: one per value, another for another subject, none once the key is gone", async () => {
      const [subject, other] = [subjectOf(), subjectOf()];
      const mac = await keyring.mac(subject, CANARY);
      expect(await keyring.mac(subject, CANARY)).toBe(mac);
      expect(await keyring.mac(subject, `${CANARY}!`)).not.toBe(mac);
      expect(await keyring.mac(other, CANARY)).not.toBe(mac);
      expect(mac).not.toContain(CANARY);
      await keyring.destroy(subject.subjectId, subject.accountId);
      await expect(keyring.mac(subject, CANARY)).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('fences an erased subject: no key can be created for it again', async () => {
      const erased = subjectOf();
      await sealFor(erased, { name: CANARY });
      await keyring.destroy(erased.subjectId, erased.accountId);
      await expect(sealFor(erased, { name: CANARY })).rejects.toBeInstanceOf(SubjectErasedError);
      const neverUsed = subjectOf();
      await keyring.destroy(neverUsed.subjectId, neverUsed.accountId);
      await expect(sealFor(neverUsed, { name: CANARY })).rejects.toBeInstanceOf(SubjectErasedError);
    });

    it('leaves no key of an account live that was made while the account was being erased', async () => {
      const accountId = randomUUID();
      await sealFor(subjectOf(accountId), { name: CANARY });
      const racing = Array.from({ length: 40 }, (_, i) =>
        new Promise((resolve) => setTimeout(resolve, i % 8)).then(() => sealFor(subjectOf(accountId), { name: CANARY }).catch(() => null)),
      );
      await Promise.all([keyring.destroyAccount(accountId), ...racing]);
      expect(await keyring.liveKeysOf(accountId)).toEqual([]);
    });

    it('destroys every key of an account and fences the account, leaving other accounts readable', async () => {
      const accountId = randomUUID();
      const [person, contact, removedBefore, other] = [subjectOf(accountId), subjectOf(accountId), subjectOf(accountId), subjectOf()];
      const sealed = await Promise.all([person, contact, other].map((s) => sealFor(s, { name: CANARY })));
      await keyring.destroy(removedBefore.subjectId, accountId);
      expect(await keyring.liveKeysOf(accountId)).toEqual([person.subjectId, contact.subjectId].sort());
      expect(await keyring.subjectsOf(accountId)).toEqual([person.subjectId, contact.subjectId, removedBefore.subjectId].sort());
      expect(await keyring.isErased(accountId)).toBe(false);
      const { epoch } = await keyring.openEpoch();
      const destroyed = await keyring.destroyAccount(accountId);
      expect(destroyed.map((key) => key.subjectId)).toEqual([person.subjectId, contact.subjectId, removedBefore.subjectId].sort());
      expect(destroyed.every((key) => key.epoch === epoch && key.destroyedAt instanceof Date)).toBe(true);
      expect(await keyring.destroyAccount(accountId)).toEqual(destroyed);
      expect([await keyring.isErased(accountId), await keyring.isErased(other.accountId)]).toEqual([true, false]);
      expect(await keyring.liveKeys([person.subjectId, other.subjectId, 'never-keyed'])).toEqual([other.subjectId]);
      expect(await keyring.liveKeysOf(accountId)).toEqual([]);
      expect(await keyring.liveKeysOf(other.accountId)).toEqual([other.subjectId]);
      expect(await keyring.subjectsOf(accountId)).toEqual(destroyed.map((key) => key.subjectId));
      expect(await keyring.subjectsOf(other.accountId)).toEqual([other.subjectId]);
      expect((await keyring.decryptMany(sealed)).map((d) => d.status)).toEqual(['shredded', 'shredded', 'ok']);
      await expect(sealFor(subjectOf(accountId), { late: true })).rejects.toBeInstanceOf(SubjectErasedError);
    });
  });

  describe('epochs', () => {
    it('counts each erasure in the open epoch until it closes, and keeps live keys readable and writable across the close', async () => {
      const [kept, erased, twice] = [subjectOf(), subjectOf(), subjectOf()];
      const keptSealed = await sealFor(kept, { name: CANARY });
      await sealFor(erased, { name: CANARY });
      const before = await keyring.openEpoch();
      await keyring.destroy(erased.subjectId, erased.accountId);
      await keyring.destroy(twice.subjectId, twice.accountId);
      await keyring.destroy(twice.subjectId, twice.accountId);
      expect((await keyring.openEpoch()).erasures).toBe(before.erasures + 2);

      const closure = await keyring.closeEpoch();
      expect(closure).toMatchObject({ current: before.epoch + 1, erasuresCompleted: before.erasures + 2 });
      expect((await keyring.retiredEpochs()).map((retired) => retired.epoch)).toContain(before.epoch);
      expect(closure.closed).toContain(before.epoch);
      expect(await keyring.openEpoch()).toMatchObject({ epoch: before.epoch + 1, erasures: 0 });
      await expect(keyring.decrypt(keptSealed)).resolves.toEqual({ status: 'ok', value: { name: CANARY } });
      const later = subjectOf();
      await expect(keyring.decrypt(await sealFor(later, { n: 1 }))).resolves.toEqual({ status: 'ok', value: { n: 1 } });
      await expect(sealFor(erased, { late: true })).rejects.toBeInstanceOf(SubjectErasedError);
    });
  });

  describe('unique claims', () => {
    it('claims a value and appends the opening events together; case and spaces do not make another value', async () => {
      const alice = subjectOf();
      expect(await claims.token('username', ' Alice.Pair ')).toBe(await claims.token('username', 'alice.pair'));
      expect(await claims.claimAndAppend(login('alice.pair', 'a@example.test'), alice, opening(`account-${alice.accountId}`))).toBe(true);
      expect(await claims.holder('username', 'ALICE.pair')).toEqual(alice);
      expect(await subject.events.readStream(`account-${alice.accountId}`)).toHaveLength(1);
      expect(await claims.sharers('email', 'A@example.test')).toEqual([alice]);
    });

    it('gives every value another token once the epoch closed, and still finds each claim and shared value, still unique', async () => {
      const [alice, bob] = [subjectOf(), subjectOf()];
      await sealFor(alice, { name: CANARY });
      expect(await claims.claimAndAppend(login('epoch.pair', 'epoch@example.test'), alice, opening(`account-${alice.accountId}`))).toBe(
        true,
      );
      const before = await claims.token('username', 'epoch.pair');
      await keyring.closeEpoch();
      expect(await claims.token('username', 'epoch.pair')).not.toBe(before);
      expect(await claims.holder('username', 'Epoch.Pair')).toEqual(alice);
      expect(await claims.sharers('email', 'epoch@example.test')).toEqual([alice]);
      expect(await claims.claimAndAppend(login('epoch.pair', 'b@example.test'), bob, opening(`account-${bob.accountId}`))).toBe(false);
    });

    it('stores no claim when the events cannot be appended', async () => {
      const bob = subjectOf();
      await subject.events.append(`account-${bob.accountId}`, opening('x').events, { expectedRevision: 'no_stream' });
      const claimed = claims.claimAndAppend(login('never.held', 'b@example.test'), bob, opening(`account-${bob.accountId}`));
      await expect(claimed).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await claims.holder('username', 'never.held')).toBeNull();
      expect(await claims.sharers('email', 'b@example.test')).toEqual([]);
    });

    it('lets exactly one of two racing claims of one value through, appends only its events, and keeps only its keys', async () => {
      const racers = [subjectOf(), subjectOf()];
      const parts = await Promise.all(racers.map((s) => sealFor(s, { name: CANARY })));
      const results = await Promise.all(
        racers.map((s) => claims.claimAndAppend(login('raced.name', 'c@example.test'), s, opening(`account-${s.accountId}`))),
      );
      expect([...results].sort()).toEqual([false, true]);
      const written = await Promise.all(racers.map(async (s) => (await subject.events.readStream(`account-${s.accountId}`)).length));
      expect(written.sort()).toEqual([0, 1]);
      const [winner, loser] = results[0] ? [0, 1] : [1, 0];
      await expect(keyring.decrypt(parts[winner])).resolves.toMatchObject({ status: 'ok' });
      await eventually(
        () => keyring.decrypt(parts[loser]),
        (opened) => opened.status === 'shredded',
      );
      await expect(keyring.decrypt(parts[loser])).resolves.toMatchObject({ status: 'shredded' });
    });

    it('keeps one current shared value per subject, and forgets a subject whose key or account is destroyed', async () => {
      const [alice, bob, carol] = [subjectOf(), subjectOf(), subjectOf()];
      const share = (email: string, s: PersonalSubject, revision: ExpectedRevision = 'no_stream') =>
        claims.claimAndAppend({ unique: {}, shared: { email } }, s, opening(`account-${s.accountId}`, revision));
      await share('shared.canary@example.test', alice);
      await share('Shared.Canary@example.test', bob);
      await share('carol.canary@example.test', carol);
      expect(await claims.sharers('email', 'shared.canary@example.test')).toEqual(
        [alice, bob].sort((a, b) => a.subjectId.localeCompare(b.subjectId)),
      );
      await share('bob.new.canary@example.test', bob, 0);
      expect(await claims.sharers('email', 'shared.canary@example.test')).toEqual([alice]);
      await claims.claimAndAppend(login('alice.named', 'x@example.test'), alice, opening(`account-${alice.accountId}`, 0));
      await keyring.destroy(alice.subjectId, alice.accountId);
      await keyring.destroyAccount(bob.accountId);
      expect(await claims.holder('username', 'alice.named')).toBeNull();
      expect(await claims.sharers('email', 'shared.canary@example.test')).toEqual([]);
      expect(await claims.sharers('email', 'bob.new.canary@example.test')).toEqual([]);
      expect(await claims.sharers('email', 'carol.canary@example.test')).toEqual([carol]);
    });
  });
}
