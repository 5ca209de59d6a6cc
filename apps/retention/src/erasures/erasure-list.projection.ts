import { unknownEvent } from '@privacy-ledger/ledger';
import type { Projection } from '@privacy-ledger/projections';
import { accountClosureAggregate } from '../closures/account-closure.decider';
import type { AccountClosureEvent } from '../closures/account-closure.events';
import { erasureViewOf, type ErasureView } from './erasure-view';

export const ERASURES = 'erasures';

/** Every erasure by its id: no personal data in it, only ids, states and times. */
export const erasureListProjection: Projection<ErasureView> = {
  name: 'retention-erasure-list',
  collection: ERASURES,
  canHandle: (event) => (accountClosureAggregate.eventTypes as readonly string[]).includes(event.type),
  documentId: (event) => (event.data as AccountClosureEvent['data']).erasureId,
  evolve(current, recorded) {
    const event = { type: recorded.type, data: recorded.data } as AccountClosureEvent;
    switch (event.type) {
      case 'AccountClosed':
        // Removal asked for after a cancellation brings the same erasure forward: it was requested at the cancellation.
        return { ...erasureViewOf(event.data), requestedAt: current?.requestedAt ?? event.data.closedAt };
      case 'AccountReactivated':
        return current && { ...current, state: 'called-off', calledOffAt: event.data.reactivatedAt };
      case 'ErasureStarted':
        return current && { ...current, state: 'erasing', legalBasis: event.data.legalBasis, startedAt: event.data.startedAt };
      case 'ErasureCompleted':
        return current && { ...current, state: 'completed', completedAt: event.data.completedAt, certificate: event.data.certificate };
      default:
        return unknownEvent(event, current);
    }
  },
};
