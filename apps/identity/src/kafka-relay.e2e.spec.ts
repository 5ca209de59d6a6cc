import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subscribe, topicOf, type LedgerSubscription } from '@privacy-ledger/messaging';
import {
  createScratchDatabase,
  deleteTopicsStartingWith,
  eventually,
  findCanariesInText,
  freePort,
  generateSigningKey,
  http,
  ledgerEventsOfTypes,
  serverDatabaseUrl,
  serverKafkaBrokers,
  ServiceProcess,
  topicPartitionDirs,
  uniqueTopicPrefix,
  type ScratchDatabase,
} from '@privacy-ledger/testing';
import { IDENTITY_AGGREGATES } from './identity.module';

const serverUrl = serverDatabaseUrl();
const brokers = serverKafkaBrokers('the Kafka relay e2e');
const IDENTITY_TYPES = new Set<string>(IDENTITY_AGGREGATES.flatMap((aggregate) => aggregate.eventTypes));
const CUSTOMERS = 12;
/** Names and addresses that must never reach Kafka in a form anyone could read. */
const canaryOf = (i: number) => ({ name: `Kafkacanary Person${i}x`, email: `kafka.canary.${i}@relay-canary.example` });

(serverUrl && brokers ? describe : describe.skip)(
  'the Kafka relay, server mode: identity processes killed mid-run, contacts beside',
  () => {
    const processes: ServiceProcess[] = [];
    const prefix = uniqueTopicPrefix();
    let scratch: ScratchDatabase;
    let env: Record<string, string>;
    let subscription: LedgerSubscription | undefined;

    const relayName = `kafka-relay-${topicOf('identity', prefix)}`;
    const startIdentity = async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const process = ServiceProcess.start('apps/identity/dist/main.js', { ...env, IDENTITY_PORT: String(port) });
      processes.push(process);
      await process.waitForHealth(url);
      return { process, url };
    };
    const runsTheRelay = async (url: string) => {
      const { body } = await http(url, 'GET', '/health');
      return (body.runners as { name: string; active: boolean }[]).some((runner) => runner.name === relayName && runner.active);
    };

    beforeAll(async () => {
      scratch = await createScratchDatabase(serverUrl!);
      env = {
        DATABASE_URL: scratch.url,
        KAFKA_BROKERS: brokers!.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        // A killed holder's lease lapses in two seconds, so its successor takes over within the test.
        PROJECTION_LEASE_SECONDS: '2',
        KEK_STORE_DIR: mkdtempSync(join(tmpdir(), 'kek-store-')),
        KEYRING_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
        IDENTITY_SIGNING_KEY: await generateSigningKey(),
        OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'relay-e2e-outbox-')),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'relay-e2e-')),
      };
      const contactsPort = await freePort();
      const contacts = ServiceProcess.start('apps/contacts/dist/main.js', { ...env, CONTACTS_PORT: String(contactsPort) });
      processes.push(contacts);
      await contacts.waitForHealth(`http://127.0.0.1:${contactsPort}`);
    });
    afterAll(async () => {
      await subscription?.stop();
      await Promise.all(processes.map((p) => p.stop()));
      await scratch?.drop();
      if (brokers) await deleteTopicsStartingWith(brokers, prefix);
    });

    it('delivers every identity event to a consumer group at least once, in per-stream order, across a kill -9 of the relay', async () => {
      const [first, second] = [await startIdentity(), await startIdentity()];
      const holder = (await eventually(async () => (await runsTheRelay(first.url)) || (await runsTheRelay(second.url)), Boolean))
        ? (await runsTheRelay(first.url))
          ? first
          : second
        : null;
      expect(holder).not.toBeNull();
      const other = holder === first ? second : first;

      for (let i = 0; i < CUSTOMERS; i++) {
        if (i === CUSTOMERS / 2) {
          holder!.process.signal('SIGKILL'); // mid-run: whatever it had sent but not checkpointed goes again
          await holder!.process.waitForExit();
          await startIdentity();
        }
        const { name, email } = canaryOf(i);
        const signup = {
          kind: 'company',
          username: `relay.customer${i}`,
          password: 'relay-e2e-passphrase',
          name,
          email,
          companyName: 'Relay Ltd',
        };
        expect((await http(other.url, 'POST', '/accounts', { body: signup })).status).toBe(201);
      }

      const ledger = await ledgerEventsOfTypes(scratch.url, [...IDENTITY_TYPES]);
      expect(ledger.length).toBeGreaterThanOrEqual(CUSTOMERS);
      const received = new Map<string, number[]>();
      subscription = await subscribe({
        brokers: brokers!,
        topicPrefix: prefix,
        groupId: `relay-e2e-${prefix}`,
        contexts: ['identity', 'contacts'],
        onEvent: async (event) => void received.set(event.streamId, [...(received.get(event.streamId) ?? []), event.position]),
      });
      const identityStreams = new Set(ledger.map((event) => event.streamId));
      const receivedOfIdentity = () => [...identityStreams].flatMap((stream) => received.get(stream) ?? []).length;
      await eventually(
        async () => receivedOfIdentity(),
        (count) => count >= ledger.length,
        60_000,
      );
      for (const stream of identityStreams)
        expect(received.get(stream)).toEqual(ledger.filter((event) => event.streamId === stream).map((event) => event.position));
    });

    it('leaves no name or e-mail address readable in the broker’s log segments, which do hold the events', () => {
      const segments = Buffer.concat(
        ['identity', 'contacts'].flatMap((context) =>
          topicPartitionDirs(topicOf(context, prefix)).flatMap((dir) =>
            readdirSync(dir)
              .filter((file) => file.endsWith('.log'))
              .map((file) => readFileSync(join(dir, file))),
          ),
        ),
      );
      // The scan reads what the broker stores: event types of both contexts are there.
      expect(findCanariesInText(segments, ['AccountOpened', 'ContactAdded'])).toEqual(['AccountOpened', 'ContactAdded']);
      const canaries = Array.from({ length: CUSTOMERS }, (_, i) => Object.values(canaryOf(i))).flat();
      expect(findCanariesInText(segments, [...canaries, 'Kafkacanary', 'relay-canary.example'])).toEqual([]);
    });
  },
);
