import { randomUUID } from 'node:crypto';
import { testDatabaseAdapters } from '@privacy-ledger/testing';
import { AggregateRepository } from './aggregate-repository';
import { DomainRuleViolation, type Decider, type DomainEvent } from './decider';
import { WrongExpectedRevisionError } from './errors';
import type { PersonalDataCipher } from './personal-data-cipher.port';
import { PostgresEventStore } from './postgres/postgres-event-store';

/** Seats at a table of four: a rule that depends on everything decided before. */
type Seated = DomainEvent<'Seated', { guest: string }, null>;
type Command = { type: 'Seat'; guest: string };
const table: Decider<Command, string[], Seated> = {
  initialState: [],
  decide: (command, guests) => {
    if (guests.length >= 4) throw new DomainRuleViolation('conflict', 'the table is full');
    return [{ type: 'Seated', data: { guest: command.guest }, personal: null }];
  },
  evolve: (guests, event) => [...guests, event.data.guest],
};
const noPersonalData: PersonalDataCipher = {
  encrypt: () => Promise.reject(new Error('no personal data here')),
  decrypt: () => Promise.reject(new Error('no personal data here')),
  decryptMany: async (parts) => (parts.length === 0 ? [] : Promise.reject(new Error('no personal data here'))),
};
const context = { correlationId: randomUUID(), causationId: null, actor: 'test' };

describe.each(testDatabaseAdapters())('AggregateRepository on $name', (adapter) => {
  it('decides a command again on the new state when another write got in first, so the rule still holds', async () => {
    const { db, close } = await adapter.open();
    const repository = new AggregateRepository(await PostgresEventStore.create(db), noPersonalData, table, () => ({ subjectId: 'none', accountId: 'none' }));
    const results = await Promise.allSettled(['a', 'b', 'c', 'd', 'e', 'f'].map((guest) => repository.handle('table-1', { type: 'Seat', guest }, context)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(results.flatMap((r) => (r.status === 'rejected' ? [r.reason.message] : []))).toEqual(['the table is full', 'the table is full']);
    expect((await repository.load('table-1')).state).toHaveLength(4);
    await close();
  });

  it('leaves a conflict with the revision a client named to the client, and says where the events landed', async () => {
    const { db, close } = await adapter.open();
    const store = await PostgresEventStore.create(db);
    const repository = new AggregateRepository(store, noPersonalData, table, () => ({ subjectId: 'none', accountId: 'none' }));
    const first = await repository.handle('table-2', { type: 'Seat', guest: 'a' }, context);
    expect(first).toMatchObject({ revision: 0, position: await store.headPosition() });
    await repository.handle('table-2', { type: 'Seat', guest: 'b' }, context);
    await expect(repository.handle('table-2', { type: 'Seat', guest: 'c' }, context, 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await close();
  });
});
