import type { JsonObject } from '@privacy-ledger/ledger';
import type { AccountClosed } from '../closures/account-closure.events';

/**
 * An erasure as its requester, the privacy officer and the auditor see it: `scheduled` until it is due,
 * `due` from then (the erasure process across services is not built yet), `called-off` after a reactivation.
 */
export interface ErasureView extends JsonObject {
  erasureId: string;
  accountId: string;
  state: 'scheduled' | 'due' | 'called-off';
  removeNow: boolean;
  requestedAt: string;
  dueAt: string;
  calledOffAt: string | null;
}

export function erasureViewOf({ erasureId, accountId, removeNow, closedAt, dueAt }: AccountClosed['data']): ErasureView {
  return { erasureId, accountId, state: removeNow ? 'due' : 'scheduled', removeNow, requestedAt: closedAt, dueAt, calledOffAt: null };
}

/** The answer to a reactivation: what was called off, and when. */
export type CalledOff = Pick<ErasureView, 'erasureId' | 'accountId' | 'calledOffAt'> & { state: 'called-off' };

/** What the view says now: a scheduled erasure whose time came is due. */
export function asOf(view: ErasureView, now: Date): ErasureView {
  return view.state === 'scheduled' && now.toISOString() >= view.dueAt ? { ...view, state: 'due' } : view;
}
