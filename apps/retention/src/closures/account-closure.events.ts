import type { ErasureStartedData } from '@privacy-ledger/contracts';
import type { DomainEvent } from '@privacy-ledger/ledger';

/**
 * A customer closed their account (P11, P12): with `removeNow`, erasure starts at once; otherwise the account is
 * cancelled, its data kept for the retention period and erased at `dueAt`, unless reactivated before. The
 * erasure id is unguessable and given only to the requester: it opens the erasure's state and certificate.
 */
export type AccountClosed = DomainEvent<
  'AccountClosed',
  { accountId: string; erasureId: string; removeNow: boolean; requestedBy: string; closedAt: string; dueAt: string },
  null
>;

/** The customer came back within the retention period: the scheduled erasure is called off. */
export type AccountReactivated = DomainEvent<'AccountReactivated', { accountId: string; erasureId: string; reactivatedAt: string }, null>;

/** The erasure is under way in every participant (the contract other services react to). */
export type ErasureStarted = DomainEvent<'ErasureStarted', ErasureStartedData, null>;

/**
 * Every participant confirmed and retired the KEK epoch that still wrapped the destroyed keys: nothing the system
 * holds can bring the data back. The certificate says so, signed by retention.
 */
export type ErasureCompleted = DomainEvent<
  'ErasureCompleted',
  { accountId: string; erasureId: string; completedAt: string; position: number; certificate: string },
  null
>;

export type AccountClosureEvent = AccountClosed | AccountReactivated | ErasureStarted | ErasureCompleted;
