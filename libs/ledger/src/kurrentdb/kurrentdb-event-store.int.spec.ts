import { randomUUID } from 'node:crypto';
import { KURRENTDB_SKIP_TITLE, kurrentDbTarget, startKurrentDbContainer, type RunningKurrentDb } from '@privacy-ledger/testing';
import { event, eventStoreContract } from '../event-store.contract';
import { verifyChain } from '../hash-chain';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * The ledger contract on KurrentDB: against KURRENTDB_URL when set, else in a container when a container
 * runtime answers. The contract's streams are new per run, but it reads $all: give it a server of its own.
 */
const target = kurrentDbTarget();
let server: RunningKurrentDb | null = null;

/** KurrentDB answers /health/live a moment before it takes writes: read until a read goes through. */
async function whenReady(store: KurrentDbEventStore): Promise<void> {
  for (const deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
    try {
      return void (await store.headPosition());
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

async function openKurrentDb(): Promise<{ store: KurrentDbEventStore; close(): Promise<void> }> {
  const store = KurrentDbEventStore.connect('url' in target ? target.url : server!.url);
  await whenReady(store);
  return { store, close: () => store.close() };
}

if ('skipped' in target) {
  // One line, without the stack of console.log in Jest's output.
  process.stdout.write(`${target.skipped}\n`);
  // The one skip the CI reporter allows, by this exact title in this file: no KurrentDB server can be installed here.
  it.skip(KURRENTDB_SKIP_TITLE, () => undefined);
} else {
  // Pulling and starting the image takes longer than a test's usual minute.
  jest.setTimeout(180_000);

  describe('KurrentDbEventStore', () => {
    beforeAll(async () => {
      if ('container' in target) server = await startKurrentDbContainer();
    });
    afterAll(() => server?.stop());

    describe('contract', () => {
      eventStoreContract(openKurrentDb);
    });

    describe('hash chain in event metadata', () => {
      it('verifies intact from what KurrentDB stored', async () => {
        const { store, close } = await openKurrentDb();
        try {
          const id = `chain-${randomUUID()}`;
          await store.append(id, [event('A', new Uint8Array([9, 9])), event('B'), event('C')], { expectedRevision: 'no_stream' });
          await store.append(id, [event('D')], { expectedRevision: 'any' });
          const sealed = await store.readSealed(id);
          expect(sealed.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
          expect(verifyChain(sealed)).toEqual([]);
        } finally {
          await close();
        }
      });
    });
  });
}
