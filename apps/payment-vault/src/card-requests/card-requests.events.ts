import type { DomainEvent } from '@privacy-ledger/ledger';

/** What a customer may ask the vault's staff to do with a card (P9): nothing is done to a card without one. */
export const REQUEST_KINDS = ['add', 'edit', 'delete', 'charge'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** How the request reached the company: the customer's own call of the API, or staff recording what they were told. */
export const STAFF_CHANNELS = ['phone', 'email', 'letter', 'in-person'] as const;
export type RequestChannel = 'self-service' | (typeof STAFF_CHANNELS)[number];

/** A charge's amount: integer minor units (cents) in an ISO 4217 currency. */
export interface Amount {
  readonly minorUnits: number;
  readonly currency: string;
}

/** No personal data: ids, kind, channel, who recorded it (by id) and when. */
export type CardRequestOpened = DomainEvent<
  'CardRequestOpened',
  {
    accountId: string;
    requestId: string;
    kind: RequestKind;
    cardId: string | null;
    amount: Amount | null;
    channel: RequestChannel;
    recordedBy: string;
    openedAt: string;
  },
  null
>;
export type CardRequestWithdrawn = DomainEvent<'CardRequestWithdrawn', { accountId: string; requestId: string; withdrawnAt: string }, null>;

export type CardRequestEvent = CardRequestOpened | CardRequestWithdrawn;
