import { randomBytes, randomUUID } from 'node:crypto';
import { newEvent, PostgresEventStore, WrongExpectedRevisionError, type PendingAppend } from '@privacy-ledger/ledger';
import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { migrate } from '@privacy-ledger/sql';
import { BlindIndex } from './blind-index';
import { KEYRING_SCHEMA } from './keyring-schema';
import { SqlUniqueClaims } from './sql-unique-claims';

const context = { correlationId: randomUUID(), causationId: null, actor: 'test', occurredAt: new Date(0).toISOString() };
const subject = (id: string) => ({ subjectId: `customer-${id}`, accountId: id });
const opening = (streamId: string): PendingAppend<unknown, unknown> => ({
  streamId,
  events: [newEvent({ type: 'AccountOpened', data: {}, personal: null }, context)],
  expectedRevision: 'no_stream',
  outcome: { state: null, events: [], revision: 0, position: null },
});
const login = (username: string, email: string) => ({ unique: { username }, shared: { email } });

describe.each(testDatabaseAdapters())('SqlUniqueClaims on $name', (adapter) => {
  let close: () => Promise<void>;
  let events: PostgresEventStore;
  let claims: SqlUniqueClaims;

  beforeAll(async () => {
    const opened = await adapter.open();
    close = opened.close;
    events = await PostgresEventStore.create(opened.db);
    await migrate(opened.db, 'keyring', KEYRING_SCHEMA);
    claims = new SqlUniqueClaims(opened.db, new BlindIndex(opened.db, randomBytes(32)), events);
  });
  afterAll(() => close());

  it('claims the name and appends the opening events together', async () => {
    expect(await claims.claimAndAppend(login('joined.pair', 'a@example.test'), subject('a'), opening('account-a'))).toBe(true);
    expect(await claims.holder('username', 'JOINED.pair')).toEqual(subject('a'));
    expect(await events.readStream('account-a')).toHaveLength(1);
    expect(await claims.sharers('email', 'a@example.test')).toEqual([subject('a')]);
  });

  it('leaves the name free when the events cannot be appended', async () => {
    await events.append('account-b', [newEvent({ type: 'AccountOpened', data: {}, personal: null }, context)], {
      expectedRevision: 'no_stream',
    });
    await expect(claims.claimAndAppend(login('never.held', 'b@example.test'), subject('b'), opening('account-b'))).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(await claims.holder('username', 'never.held')).toBeNull();
    expect(await claims.sharers('email', 'b@example.test')).toEqual([]);
  });

  it('lets exactly one of two racing registrations of one name through, and writes only its events', async () => {
    const results = await Promise.all(
      ['c', 'd'].map((id) => claims.claimAndAppend(login('raced.name', 'c@example.test'), subject(id), opening(`account-${id}`))),
    );
    expect(results.sort()).toEqual([false, true]);
    const written = [(await events.readStream('account-c')).length, (await events.readStream('account-d')).length];
    expect(written.sort()).toEqual([0, 1]);
  });
});
