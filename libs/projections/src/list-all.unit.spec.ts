import { InMemoryReadModels } from './in-memory/in-memory-read-models';
import { listAll } from './list-all';

describe('listAll', () => {
  it('gives every matching document, however many pages they fill', async () => {
    const readModels = new InMemoryReadModels();
    const fence = 1;
    await readModels.takeOver('visits', fence);
    await readModels.applyBatch('visits', 1201, fence, async (batch) => {
      for (let i = 1; i <= 1201; i++) await batch.put('visits', String(i).padStart(4, '0'), { visitor: i % 2 === 0 ? 'ada' : 'bob' }, i);
    });
    const adas = await listAll<{ visitor: string }>(readModels, 'visits', { visitor: 'ada' });
    expect(adas).toHaveLength(600);
    expect(new Set(adas.map((visit) => visit.visitor))).toEqual(new Set(['ada']));
    expect(await listAll(readModels, 'visits', { visitor: 'cal' })).toEqual([]);
  });
});
