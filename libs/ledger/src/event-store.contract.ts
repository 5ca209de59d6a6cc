import { randomUUID } from 'node:crypto';
import { comparePositions, START, type EventStore, type NewEvent, type RecordedEvent } from './event-store.port';
import { EventIdConflictError, WrongExpectedRevisionError } from './errors';
import { newEvent } from './new-event';

export interface EventStoreUnderTest {
  store: EventStore;
  close(): Promise<void>;
}

const context = { correlationId: randomUUID(), causationId: null, actor: 'test', occurredAt: new Date(0).toISOString() };

export function event(type = 'Something', personal: Uint8Array | null = null): NewEvent {
  return newEvent({ type, data: { n: Math.random() }, personal }, context);
}

function stream(): string {
  return `contract-${randomUUID()}`;
}

/** Every adapter of the EventStore port passes this suite. */
export function eventStoreContract(openStore: () => Promise<EventStoreUnderTest>): void {
  let subject: EventStoreUnderTest;
  let store: EventStore;

  beforeAll(async () => {
    subject = await openStore();
    store = subject.store;
  });
  afterAll(() => subject.close());

  describe('append with an expected revision', () => {
    it('creates a stream only when none exists, when told no_stream', async () => {
      const id = stream();
      await expect(store.append(id, [event()], { expectedRevision: 'no_stream' })).resolves.toMatchObject({ nextExpectedRevision: 0 });
      await expect(store.append(id, [event()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    });

    it('appends at an exact revision and refuses a stale one', async () => {
      const id = stream();
      await store.append(id, [event(), event()], { expectedRevision: 'no_stream' });
      await expect(store.append(id, [event()], { expectedRevision: 1 })).resolves.toMatchObject({ nextExpectedRevision: 2 });
      const stale = store.append(id, [event()], { expectedRevision: 1 });
      await expect(stale).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 2, expected: 1 });
    });

    it('requires the stream to exist when told stream_exists', async () => {
      const id = stream();
      await expect(store.append(id, [event()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({ actual: 'no_stream' });
      await store.append(id, [event()], { expectedRevision: 'any' });
      await expect(store.append(id, [event()], { expectedRevision: 'stream_exists' })).resolves.toMatchObject({ nextExpectedRevision: 1 });
    });

    it('lets exactly one of two racing writers at the same revision win', async () => {
      const id = stream();
      await store.append(id, [event()], { expectedRevision: 'no_stream' });
      const results = await Promise.allSettled([0, 1, 2, 3].map(() => store.append(id, [event()], { expectedRevision: 0 })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual(
        Array(3).fill(expect.any(WrongExpectedRevisionError)),
      );
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('never loses an append of racing writers with expected revision any', async () => {
      const id = stream();
      await Promise.all(Array.from({ length: 10 }, () => store.append(id, [event()], { expectedRevision: 'any' })));
      const events = await store.readStream(id);
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('stores an event id once when the same append is retried', async () => {
      const id = stream();
      const batch = [event(), event()];
      const first = await store.append(id, batch, { expectedRevision: 'no_stream' });
      const retry = await store.append(id, batch, { expectedRevision: 'no_stream' });
      expect(retry).toEqual(first);
      await store.append(id, batch, { expectedRevision: 'any' });
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('refuses an event id already used by another stream', async () => {
      const reused = event();
      await store.append(stream(), [reused], { expectedRevision: 'any' });
      await expect(store.append(stream(), [reused], { expectedRevision: 'any' })).rejects.toBeInstanceOf(EventIdConflictError);
    });
  });

  describe('reading a stream', () => {
    it('reads forwards and backwards, from a revision, at most a count', async () => {
      const id = stream();
      await store.append(id, [event('A'), event('B'), event('C'), event('D')], { expectedRevision: 'no_stream' });
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
      expect((await store.readStream(id, { fromRevision: 1, maxCount: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
      expect((await store.readStream(id, { direction: 'backwards' })).map((e) => e.type)).toEqual(['D', 'C', 'B', 'A']);
      expect((await store.readStream(id, { direction: 'backwards', fromRevision: 2, maxCount: 2 })).map((e) => e.type)).toEqual(['C', 'B']);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('returns every event with its metadata, its personal part and its place in the hash chain', async () => {
      const id = stream();
      const personal = new Uint8Array([1, 2, 3, 250]);
      const appended = event('WithPersonal', personal);
      await store.append(id, [event(), appended], { expectedRevision: 'no_stream' });
      const [first, second] = await store.readStream(id);
      expect(second).toMatchObject({
        eventId: appended.eventId,
        type: 'WithPersonal',
        schemaVersion: 1,
        data: appended.data,
        metadata: appended.metadata,
        streamId: id,
        revision: 1,
        previousHash: first.hash,
      });
      expect(Array.from(second.personal ?? [])).toEqual([1, 2, 3, 250]);
      expect(first.previousHash).toMatch(/^0{64}$/);
      expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('reading everything in commit order', () => {
    it('reads all events after a position, in commit order, in pages', async () => {
      const before = await store.headPosition();
      const ids = [stream(), stream(), stream()];
      for (const id of ids) await store.append(id, [event(), event()], { expectedRevision: 'no_stream' });
      const all: RecordedEvent[] = [];
      let after = before;
      // A transaction still running anywhere holds readers back (never past an event): read until ours arrive.
      for (const deadline = Date.now() + 10000; all.filter((e) => ids.includes(e.streamId)).length < 6 && Date.now() < deadline;) {
        const page = await store.readAll({ after, maxCount: 4 });
        if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        else {
          all.push(...page);
          after = page[page.length - 1].position;
        }
      }
      const ours = all.filter((e) => ids.includes(e.streamId));
      expect(ours.map((e) => `${ids.indexOf(e.streamId)}:${e.revision}`)).toEqual(['0:0', '0:1', '1:0', '1:1', '2:0', '2:1']);
      for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1].position, all[i].position)).toBeLessThan(0);
    });
  });

  describe('catch-up subscription', () => {
    it('delivers history, then live appends, in order and without gaps', async () => {
      const id = stream();
      await store.append(id, [event('H1'), event('H2')], { expectedRevision: 'no_stream' });
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ after: START, batchSize: 3, onBatch: async (events) => void seen.push(...events) });
      await subscription.caughtUp();
      for (let i = 0; i < 5; i++) await store.append(id, [event(`L${i}`)], { expectedRevision: 'any' });
      await subscription.caughtUp();
      await subscription.stop();
      expect(seen.filter((e) => e.streamId === id).map((e) => e.type)).toEqual(['H1', 'H2', 'L0', 'L1', 'L2', 'L3', 'L4']);
      expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
    });
  });
}
