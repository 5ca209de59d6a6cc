import type { DomainEvent } from './decider';
import type { JsonObject } from './event-store.port';
import { InMemoryEventStore } from './in-memory/in-memory-event-store';
import { newEvent } from './new-event';
import type { PersonalDataCipher, PersonalSubject } from './personal-data-cipher.port';
import { exportSubjectRecords, isErased, type SubjectStream } from './subject-records';

/** A cipher that "seals" as JSON prefixed with the subject id, and answers shredded for the subjects in `destroyed`. */
function fakeCipher(owner: string, destroyed: Set<string>): PersonalDataCipher {
  const open = (sealed: Uint8Array) => {
    const [subjectId, value] = Buffer.from(sealed).toString('utf8').split('|');
    return destroyed.has(subjectId) ? { status: 'shredded' as const, subjectId } : { status: 'ok' as const, value: JSON.parse(value) };
  };
  return {
    owner,
    encrypt: async (subject, value) => Buffer.from(`${subject.subjectId}|${JSON.stringify(value)}`),
    decrypt: async (part) => open(part.sealed),
    decryptMany: async (parts) => parts.map((part) => open(part.sealed)),
  };
}

const at = '2026-11-23T10:00:00.000Z';
const metadata = { occurredAt: at, correlationId: 'c', causationId: null, actor: 'test' };
/** A pet's events: its owner's key seals them, except a vet's note, kept by the vet service. */
const pets = {
  name: 'pet',
  subjectOf: (event: DomainEvent<string, { owner: string }>): PersonalSubject =>
    event.type === 'VetNoted'
      ? { subjectId: `vet-${event.data.owner}`, accountId: event.data.owner, keptBy: 'vet' }
      : { subjectId: `owner-${event.data.owner}`, accountId: event.data.owner },
};

describe('exportSubjectRecords', () => {
  const store = new InMemoryEventStore();
  const append = async (stream: string, type: string, data: JsonObject, personal: object | null = null) => {
    const subject = pets.subjectOf({ type, data: data as { owner: string }, personal });
    const sealed = personal && (await fakeCipher('pets', new Set()).encrypt(subject, personal, { streamId: stream, eventId: '' }));
    await store.append(stream, [newEvent({ type, data, personal: sealed }, metadata)], { expectedRevision: 'any' });
  };
  const streams: SubjectStream[] = [
    { aggregate: pets, id: 'ada' },
    { aggregate: pets, id: 'shared', concerns: (event) => event.data.owner === 'ada' },
  ];

  beforeAll(async () => {
    await append('pet-ada', 'PetAdopted', { owner: 'ada' }, { name: 'Rex' });
    await append('pet-shared', 'PetWalked', { owner: 'bob' }, { route: 'park' });
    await append('pet-shared', 'PetWalked', { owner: 'ada' }, { route: 'canal' });
    await append('pet-ada', 'VetNoted', { owner: 'ada' }, { note: 'healthy' });
    await append('pet-ada', 'PetFed', { owner: 'ada' });
  });

  it("gives every event of the account's streams in log order, opened, leaving out other accounts' events of a shared stream", async () => {
    const records = await exportSubjectRecords(store, fakeCipher('pets', new Set()), streams, await store.headPosition());
    expect(records).toEqual([
      { stream: 'pet-ada', type: 'PetAdopted', occurredAt: at, position: 1, data: { owner: 'ada' }, personal: { name: 'Rex' } },
      { stream: 'pet-shared', type: 'PetWalked', occurredAt: at, position: 3, data: { owner: 'ada' }, personal: { route: 'canal' } },
      { stream: 'pet-ada', type: 'VetNoted', occurredAt: at, position: 4, data: { owner: 'ada' }, keptBy: 'vet' },
      { stream: 'pet-ada', type: 'PetFed', occurredAt: at, position: 5, data: { owner: 'ada' }, personal: null },
    ]);
    expect(isErased(records)).toBe(false);
  });

  it('stops at the position given, so the records describe one moment of the ledger', async () => {
    const records = await exportSubjectRecords(store, fakeCipher('pets', new Set()), streams, 3);
    expect(records.map((record) => record.position)).toEqual([1, 3]);
  });

  it('says shredded, with no value, where a key is destroyed, and erased once every part of its own is', async () => {
    const records = await exportSubjectRecords(store, fakeCipher('pets', new Set(['owner-ada'])), streams, await store.headPosition());
    expect(records.filter((record) => 'shredded' in record).map((record) => record.type)).toEqual(['PetAdopted', 'PetWalked']);
    expect(JSON.stringify(records)).not.toMatch(/Rex|canal/);
    expect(isErased(records)).toBe(true);
    expect(isErased(records.filter((record) => record.type === 'PetFed'))).toBe(false);
  });
});
