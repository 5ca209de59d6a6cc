import { Inject, Injectable } from '@nestjs/common';
import { AggregateRepository, holdsNoPersonalData } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import type { ConsentChanged } from './consent.events';
import { consentsDecider, type ConsentsState, type SetConsent } from './consents.decider';

@Injectable()
export class ConsentsRepository extends AggregateRepository<SetConsent, ConsentsState, ConsentChanged> {
  constructor(@Inject(PLATFORM) platform: Platform) {
    super(platform.events, platform.keyring, consentsDecider, holdsNoPersonalData);
  }
}
