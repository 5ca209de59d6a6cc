import { Inject, Injectable } from '@nestjs/common';
import { AggregateRepository, holdsNoPersonalData } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import { passwordResetDecider, type PasswordResetCommand, type PasswordResetState } from './password-reset.decider';
import type { PasswordResetEvent } from './password-reset.events';

@Injectable()
export class PasswordResetRepository extends AggregateRepository<PasswordResetCommand, PasswordResetState, PasswordResetEvent> {
  constructor(@Inject(PLATFORM) platform: Platform) {
    super(platform.events, platform.keyring, passwordResetDecider, holdsNoPersonalData);
  }
}
