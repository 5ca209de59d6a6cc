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

/**
 * A card custodian acts on a request: the full number is opened for this purpose (PCI DSS 10.2.1.1). A
 * charge is the request's own event, so that one request is charged at most once at a time.
 */
export type CardChargeStarted = DomainEvent<
  'CardChargeStarted',
  { accountId: string; requestId: string; chargeId: string; cardId: string; amount: Amount; staffId: string; startedAt: string },
  null
>;

export const CHARGE_OUTCOMES = ['approved', 'declined', 'failed'] as const;
export type ChargeOutcome = (typeof CHARGE_OUTCOMES)[number];

/** The processor's answer: `reason` says why a charge was declined or failed; `reference` is the processor's id of an approved one. */
export type CardChargeSettled = DomainEvent<
  'CardChargeSettled',
  {
    accountId: string;
    requestId: string;
    chargeId: string;
    outcome: ChargeOutcome;
    reference: string | null;
    reason: string | null;
    settledAt: string;
  },
  null
>;

/** A custodian carried out a request to edit a card: the change itself is the card's `CardChanged`, naming this request. */
export type CardRequestFulfilled = DomainEvent<
  'CardRequestFulfilled',
  { accountId: string; requestId: string; cardId: string; staffId: string; fulfilledAt: string },
  null
>;

export type CardRequestEvent = CardRequestOpened | CardRequestWithdrawn | CardChargeStarted | CardChargeSettled | CardRequestFulfilled;
