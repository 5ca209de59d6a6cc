import type { DomainEvent, PersonalSubject, Shredded } from '@privacy-ledger/ledger';

/** On what ground personal data left the company (P13): the customer's consent, or legal process. */
export const LEGAL_BASES = ['consent', 'court-order', 'warrant', 'legal-obligation'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** What was disclosed, by the kinds of personal data the services keep of an account. */
export const DATA_CATEGORIES = ['identity', 'contact-details', 'billing-details', 'cards', 'session-records', 'contact-persons'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * A privacy officer records a disclosure to a third party (P13). Its basis, categories, dates and whether
 * the customer may be told stay readable, so an auditor sees that it happened even after an erasure; the
 * recipient and the reference may name people, so they are sealed under the disclosure's own key.
 */
export type DisclosureRecorded = DomainEvent<
  'DisclosureRecorded',
  {
    accountId: string;
    disclosureId: string;
    legalBasis: LegalBasis;
    dataCategories: DataCategory[];
    disclosedAt: string;
    /** Legal process forbids telling the customer: the disclosure is never shown to them. */
    barredFromNotice: boolean;
    recordedBy: string;
    recordedAt: string;
  },
  { recipient: string; reference: string } | Shredded
>;

export type DisclosureEvent = DisclosureRecorded;

/** Each disclosure is a subject of its own within the account's keyring: erasing the account shreds it. */
export const disclosureSubject = (disclosureId: string, accountId: string): PersonalSubject => ({
  subjectId: `disclosure-${disclosureId}`,
  accountId,
});
