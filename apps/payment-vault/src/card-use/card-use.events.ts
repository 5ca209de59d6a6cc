import type { DomainEvent } from '@privacy-ledger/ledger';

/** What a card custodian may use a card for, each only on a customer's request of that kind (P9). */
export const USE_PURPOSES = ['charge', 'edit'] as const;
export type UsePurpose = (typeof USE_PURPOSES)[number];

/**
 * A staff member tried to use a card and was refused (PCI DSS 10.2.1.1, 10.2.1.4): who, which card, on which
 * request, for what, and why not. Recorded in the staff member's own stream; no card data in it.
 */
export type CardUseRefused = DomainEvent<
  'CardUseRefused',
  {
    staffId: string;
    accountId: string;
    cardId: string;
    requestId: string | null;
    purpose: UsePurpose;
    reason: string;
    refusedAt: string;
  },
  null
>;
