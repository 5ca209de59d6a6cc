import { isShredded, type Shredded } from '@privacy-ledger/ledger';
import type { DisclosureRecorded } from './disclosures.events';

/**
 * A disclosure as the privacy officer and the auditor see it: its recipient and reference opened, or null
 * with `shredded` once the account's erasure destroyed their key; that it happened, on what ground, what and
 * when stays for the register.
 */
export interface DisclosureView extends Readonly<DisclosureRecorded['data']> {
  readonly recipient: string | null;
  readonly reference: string | null;
  readonly shredded: boolean;
}

/** What the customer is told of a disclosure of their data: to whom, on what ground, what and when; not who in the company recorded it. */
export type DisclosureNotice = Pick<
  DisclosureView,
  'disclosureId' | 'recipient' | 'reference' | 'legalBasis' | 'dataCategories' | 'disclosedAt'
>;

/** A page of a register: as many as asked for at most, from `offset` on. */
export interface DisclosurePage<View> {
  readonly disclosures: View[];
  readonly limit: number;
  readonly offset: number;
}

export function disclosureView(
  data: DisclosureRecorded['data'],
  personal: { recipient: string; reference: string } | Shredded | null,
): DisclosureView {
  const { accountId, disclosureId, legalBasis, dataCategories, disclosedAt, barredFromNotice, recordedBy, recordedAt } = data;
  const opened = personal && !isShredded(personal) ? personal : null;
  return {
    disclosureId,
    accountId,
    recipient: opened?.recipient ?? null,
    reference: opened?.reference ?? null,
    legalBasis,
    dataCategories,
    disclosedAt,
    barredFromNotice,
    recordedBy,
    recordedAt,
    shredded: isShredded(personal),
  };
}

export function noticeOf({
  disclosureId,
  recipient,
  reference,
  legalBasis,
  dataCategories,
  disclosedAt,
}: DisclosureView): DisclosureNotice {
  return { disclosureId, recipient, reference, legalBasis, dataCategories, disclosedAt };
}
