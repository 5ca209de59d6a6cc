import { Inject, Injectable } from '@nestjs/common';
import { customerSubject } from '@privacy-ledger/contracts';
import { AggregateRepository } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import { accountDecider, type AccountCommand, type AccountState } from './account.decider';
import type { AccountEvent } from './account.events';

export const accountStream = (accountId: string) => `account-${accountId}`;
export { customerSubject } from '@privacy-ledger/contracts';

@Injectable()
export class AccountRepository extends AggregateRepository<AccountCommand, AccountState, AccountEvent> {
  constructor(@Inject(PLATFORM) platform: Platform) {
    super(platform.events, platform.keyring, accountDecider, (_stream, event) => customerSubject(event.data.accountId));
  }
}
