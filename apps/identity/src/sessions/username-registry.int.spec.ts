import { randomBytes, randomUUID } from 'node:crypto';
import { BlindIndex, Keyring, keysFromConfiguration } from '@privacy-ledger/keyring';
import { DomainRuleViolation, newEvent, PostgresEventStore, WrongExpectedRevisionError, type PendingAppend } from '@privacy-ledger/ledger';
import type { Platform } from '@privacy-ledger/platform';
import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { USERNAME_SCOPE } from './credentials';
import { UsernameRegistry } from './username-registry';

const context = { correlationId: randomUUID(), causationId: null, actor: 'test' };
const subject = (id: string) => ({ subjectId: `customer-${id}`, accountId: id });
const opening = (streamId: string): PendingAppend<unknown, unknown> => ({
  streamId,
  events: [newEvent({ type: 'AccountOpened', data: {}, personal: null }, context)],
  expectedRevision: 'no_stream',
  outcome: { state: null, events: [], revision: 0, position: null },
});

describe.each(testDatabaseAdapters())('UsernameRegistry on $name', (adapter) => {
  let close: () => Promise<void>;
  let events: PostgresEventStore;
  let blindIndex: BlindIndex;
  let registry: UsernameRegistry;
  let keyring: Keyring;

  beforeAll(async () => {
    const opened = await adapter.open();
    close = opened.close;
    events = await PostgresEventStore.create(opened.db);
    blindIndex = new BlindIndex(opened.db, randomBytes(32));
    keyring = await Keyring.create(opened.db, keysFromConfiguration(JSON.stringify({ 1: randomBytes(32).toString('base64') })));
    registry = new UsernameRegistry({ db: opened.db, events, blindIndex } as unknown as Platform);
  });
  afterAll(async () => {
    await keyring.close();
    await close();
  });

  it('claims the name and appends the opening events together', async () => {
    await registry.registerWith({ username: 'joined.pair', email: 'a@example.test' }, subject('a'), opening('account-a'));
    expect(await blindIndex.find(USERNAME_SCOPE, 'joined.pair')).toEqual(subject('a'));
    expect(await events.readStream('account-a')).toHaveLength(1);
    expect(await blindIndex.findAll('email', 'a@example.test')).toEqual([subject('a')]);
    await expect(registry.assertFree('JOINED.pair')).rejects.toMatchObject({ kind: 'conflict', message: 'this username is taken' });
  });

  it('leaves the name free when the events cannot be appended', async () => {
    await events.append('account-b', [newEvent({ type: 'AccountOpened', data: {}, personal: null }, context)], { expectedRevision: 'no_stream' });
    await expect(registry.registerWith({ username: 'never.held', email: 'b@example.test' }, subject('b'), opening('account-b'))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await blindIndex.find(USERNAME_SCOPE, 'never.held')).toBeNull();
    expect(await blindIndex.findAll('email', 'b@example.test')).toEqual([]);
    await expect(registry.assertFree('never.held')).resolves.toBeUndefined();
  });

  it('lets exactly one of two racing registrations of one name through, and writes only its events', async () => {
    const results = await Promise.allSettled(['c', 'd'].map((id) => registry.registerWith({ username: 'raced.name', email: 'c@example.test' }, subject(id), opening(`account-${id}`))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))).toEqual([expect.any(DomainRuleViolation)]);
    const written = [(await events.readStream('account-c')).length, (await events.readStream('account-d')).length];
    expect(written.sort()).toEqual([0, 1]);
  });
});
