import { Inject, Injectable } from '@nestjs/common';
import { SESSION_REVOCATIONS, type SessionRevocations } from '@privacy-ledger/auth';
import type { RecordedEvent } from '@privacy-ledger/ledger';
import type { Reactor } from '@privacy-ledger/projections';
import type { AccountClosed, AccountReactivated } from './account-closure.events';
import { fenceClosure } from './closure-fence';

/** The closure fence from the ledger: what a handler stopped before applying is applied here (see fenceClosure). */
@Injectable()
export class ClosureFenceReactor implements Reactor {
  readonly name = 'retention-closure-fence';

  constructor(@Inject(SESSION_REVOCATIONS) private readonly revocations: SessionRevocations) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'AccountClosed' && event.type !== 'AccountReactivated') return;
    await fenceClosure(this.revocations, { type: event.type, data: event.data, personal: null } as AccountClosed | AccountReactivated);
  }
}
