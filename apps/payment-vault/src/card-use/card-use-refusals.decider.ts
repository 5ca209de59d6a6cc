import type { Aggregate, Decider } from '@privacy-ledger/ledger';
import type { CardUseRefused } from './card-use.events';

export type RecordRefusedUse = Omit<CardUseRefused['data'], 'refusedAt'> & { type: 'RecordRefusedUse'; at: string };

/** Refusals are facts to keep, never refused themselves: the stream is a log, its state nothing. */
const decider: Decider<RecordRefusedUse, null, CardUseRefused> = {
  initialState: null,
  decide: ({ type: _, at, ...refused }) => [{ type: 'CardUseRefused', data: { ...refused, refusedAt: at }, personal: null }],
  evolve: (state) => state,
};

export const cardUseRefusalsAggregate: Aggregate<RecordRefusedUse, null, CardUseRefused> = {
  name: 'staff-card-use-refusals',
  eventTypes: ['CardUseRefused'],
  decider,
  // No personal data is ever sealed under this subject.
  subjectOf: (event) => ({ subjectId: `staff-card-use-${event.data.staffId}`, accountId: `staff-${event.data.staffId}` }),
};
