import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@privacy-ledger/ledger';
import type { DisclosureView } from './disclosure-view';
import type { DataCategory, LegalBasis } from './disclosures.events';

export interface Disclosure {
  readonly recipient: string;
  readonly legalBasis: LegalBasis;
  readonly reference: string;
  readonly dataCategories: DataCategory[];
  /** An instant, as `Date.toISOString` writes it. */
  readonly disclosedAt: string;
  readonly barredFromNotice: boolean;
}

/** P13: the privacy officer enters a disclosure of an account's data to a third party in the register. */
export class RecordDisclosureCommand extends Command<DisclosureView> {
  constructor(
    readonly accountId: string,
    readonly disclosure: Disclosure,
    readonly context: CommandContext,
  ) {
    super();
  }
}
