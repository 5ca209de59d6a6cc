import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@privacy-ledger/ledger';
import type { Reactor } from '@privacy-ledger/projections';
import type { AccountClosed } from '../closures/account-closure.events';
import type { LegalHoldLifted } from '../legal-holds/legal-holds.events';
import { ErasureStarter } from './erasure-starter';

/** A closure for removal now starts the erasure at once; lifting a hold starts a due erasure it kept waiting. */
@Injectable()
export class ErasureTriggerReactor implements Reactor {
  readonly name = 'retention-erasure-trigger';

  constructor(private readonly starter: ErasureStarter) {}

  async handle(event: RecordedEvent): Promise<void> {
    const removalNow = event.type === 'AccountClosed' && (event.data as AccountClosed['data']).removeNow;
    if (!removalNow && event.type !== 'LegalHoldLifted') return;
    const { accountId } = event.data as (AccountClosed | LegalHoldLifted)['data'];
    await this.starter.start(accountId, { correlationId: event.metadata.correlationId, causationId: event.eventId });
  }
}
