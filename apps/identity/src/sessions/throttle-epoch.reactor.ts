import { Inject, Injectable } from '@nestjs/common';
import { ATTEMPT_THROTTLE, type AttemptThrottle } from '@privacy-ledger/auth';
import { KEK_EPOCH_RETIRED, type KekEpochRetiredData } from '@privacy-ledger/contracts';
import type { RecordedEvent } from '@privacy-ledger/ledger';
import type { Reactor } from '@privacy-ledger/projections';
import { THROTTLE_KEYS_BY_ID } from './login-throttle';

/**
 * When identity's KEK epoch is retired, the login throttle's counts under that epoch's tokens (names no one holds,
 * client addresses) can never be matched again: they are deleted, so that they neither pile up nor, in the table's
 * files, outlive the epoch by more than a vacuum. Counts by id (a held name, step-up, second factor) carry on.
 */
@Injectable()
export class ThrottleEpochReactor implements Reactor {
  readonly name = 'identity-throttle-epochs';

  constructor(@Inject(ATTEMPT_THROTTLE) private readonly throttle: AttemptThrottle) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== KEK_EPOCH_RETIRED || (event.data as unknown as KekEpochRetiredData).service !== 'identity') return;
    await this.throttle.forgetAllBut(THROTTLE_KEYS_BY_ID);
  }
}
