import { Query } from '@nestjs/cqrs';
import type { DisclosureNotice, DisclosurePage, DisclosureView } from './disclosure-view';

/**
 * A page of the register, newest first: the whole register or one account's part of it, for staff; for
 * a customer, their own disclosures less those legal process bars from notice to them.
 */
export type ListDisclosures =
  { readonly audience: 'staff'; readonly accountId: string | null } | { readonly audience: 'customer'; readonly accountId: string };

export class ListDisclosuresQuery extends Query<DisclosurePage<DisclosureView | DisclosureNotice>> {
  constructor(
    readonly scope: ListDisclosures,
    readonly page: { readonly limit: number; readonly offset: number },
  ) {
    super();
  }
}
