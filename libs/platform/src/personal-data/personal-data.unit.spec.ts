import type { SubjectRecord } from '@privacy-ledger/ledger';
import { withholding } from './personal-data';

const base = { stream: 'pet-ada', type: 'PetAdopted', occurredAt: '2026-11-23T10:00:00.000Z', position: 1, data: { owner: 'ada' } };

describe('withholding', () => {
  const present = withholding(['chip'], (personal) => ({ chipEndsWith: String(personal.chip).slice(-2) }));

  it('leaves the fields out of an opened part, names them in withheld, and shows what stands in for them', () => {
    expect(present({ ...base, personal: { name: 'Rex', chip: '900118000123456' } })).toEqual({
      ...base,
      personal: { name: 'Rex', chipEndsWith: '56' },
      withheld: ['chip'],
    });
  });

  it('leaves a record without those fields, without a personal part, shredded or kept elsewhere as it is', () => {
    const records: SubjectRecord[] = [
      { ...base, personal: { name: 'Rex' } },
      { ...base, personal: null },
      { ...base, shredded: true },
      { ...base, keptBy: 'vet' },
    ];
    expect(records.map(present)).toEqual(records);
  });
});
