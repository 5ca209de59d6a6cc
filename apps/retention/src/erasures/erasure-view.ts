import type { LegalBasis } from '@privacy-ledger/contracts';
import type { JsonObject } from '@privacy-ledger/ledger';
import type { HoldKind } from '../legal-holds/legal-holds.events';
import type { AccountClosed } from '../closures/account-closure.events';

/**
 * An erasure as its requester, the privacy officer and the auditor see it: `scheduled` until it is due, `due`
 * from then until it starts (`held`, naming the holds, while a legal hold keeps it waiting), `erasing` while the
 * services destroy and confirm, `completed` with its signed certificate, or `called-off` after a reactivation.
 */
export interface ErasureView extends JsonObject {
  erasureId: string;
  accountId: string;
  state: 'scheduled' | 'due' | 'erasing' | 'completed' | 'called-off';
  removeNow: boolean;
  requestedAt: string;
  dueAt: string;
  calledOffAt: string | null;
  legalBasis: LegalBasis | null;
  startedAt: string | null;
  completedAt: string | null;
  /** The compact JWS of the completed erasure, signed by retention's key (GET /.well-known/jwks.json). */
  certificate: string | null;
}

export function erasureViewOf({ erasureId, accountId, removeNow, closedAt, dueAt }: AccountClosed['data']): ErasureView {
  return {
    erasureId,
    accountId,
    state: removeNow ? 'due' : 'scheduled',
    removeNow,
    requestedAt: closedAt,
    dueAt,
    calledOffAt: null,
    legalBasis: null,
    startedAt: null,
    completedAt: null,
    certificate: null,
  };
}

/** The answer to a reactivation: what was called off, and when. */
export type CalledOff = Pick<ErasureView, 'erasureId' | 'accountId' | 'calledOffAt'> & { state: 'called-off' };

/** Why a due erasure waits: the kinds of the holds standing, and since when. */
export interface HeldBy extends JsonObject {
  kind: HoldKind;
  placedAt: string;
}

export type ErasureAnswer = Omit<ErasureView, 'state'> & { state: ErasureView['state'] | 'held'; heldBy?: HeldBy[] };

/** What the view says now: a scheduled erasure whose time came is due, and a due one that a legal hold keeps waiting is held. */
export function asOf(view: ErasureView, now: Date, holds: readonly Pick<HeldBy, 'kind' | 'placedAt'>[]): ErasureAnswer {
  const due = view.state === 'due' || (view.state === 'scheduled' && now.toISOString() >= view.dueAt);
  if (due && holds.length > 0) return { ...view, state: 'held', heldBy: holds.map(({ kind, placedAt }) => ({ kind, placedAt })) };
  return due ? { ...view, state: 'due' } : view;
}
