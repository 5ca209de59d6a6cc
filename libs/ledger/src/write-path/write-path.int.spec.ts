import { randomUUID } from 'node:crypto';
import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { DomainRuleViolation, type DomainEvent } from '../decider';
import { WrongExpectedRevisionError } from '../errors';
import type { PersonalDataCipher } from '../personal-data-cipher.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { holdsNoPersonalData, type Aggregate } from './aggregate';
import { WritePath } from './write-path';

/** Seats at a table of four: a rule that depends on everything decided before. */
type Seated = DomainEvent<'Seated', { guest: string }, null>;
type Command = { type: 'Seat'; guest: string };
const table: Aggregate<Command, string[], Seated> = {
  name: 'table',
  eventTypes: ['Seated'],
  decider: {
    initialState: [],
    decide: (command, guests) => {
      if (guests.length >= 4) throw new DomainRuleViolation('conflict', 'the table is full');
      return [{ type: 'Seated', data: { guest: command.guest }, personal: null }];
    },
    evolve: (guests, event) => [...guests, event.data.guest],
  },
  subjectOf: holdsNoPersonalData,
};
const noPersonalData: PersonalDataCipher = {
  owner: 'guests',
  encrypt: () => Promise.reject(new Error('no personal data here')),
  decrypt: () => Promise.reject(new Error('no personal data here')),
  decryptMany: async (parts) => (parts.length === 0 ? [] : Promise.reject(new Error('no personal data here'))),
};
const context = { correlationId: randomUUID(), causationId: null, actor: 'test', occurredAt: '2026-11-23T10:00:00.000Z' };

describe.each(testDatabaseAdapters())('WritePath on $name', (adapter) => {
  it('decides a command again on the new state when another write got in first, so the rule still holds', async () => {
    const { db, close } = await adapter.open();
    const writes = new WritePath(await PostgresEventStore.create(db), noPersonalData);
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((guest) => writes.handle(table, '1', { type: 'Seat', guest }, context)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(results.flatMap((r) => (r.status === 'rejected' ? [r.reason.message] : []))).toEqual(['the table is full', 'the table is full']);
    expect((await writes.load(table, '1')).state).toHaveLength(4);
    await close();
  });

  it('leaves a conflict with the revision a client named to the client', async () => {
    const { db, close } = await adapter.open();
    const store = await PostgresEventStore.create(db);
    const writes = new WritePath(store, noPersonalData);
    const first = await writes.handle(table, '2', { type: 'Seat', guest: 'a' }, context);
    expect(first).toMatchObject({ revision: 0 });
    await writes.handle(table, '2', { type: 'Seat', guest: 'b' }, context);
    await expect(writes.handle(table, '2', { type: 'Seat', guest: 'c' }, context, 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readStream('table-2'))[0].metadata.occurredAt).toBe(context.occurredAt);
    await close();
  });
});
