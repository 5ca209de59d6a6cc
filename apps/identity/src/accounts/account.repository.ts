import { Inject, Injectable } from '@nestjs/common';
import { AggregateRepository } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '../platform.token';
import { accountDecider, type AccountCommand, type AccountState } from './account.decider';
import type { AccountEvent } from './account.events';

export const accountStream = (accountId: string) => `account-${accountId}`;
/** The customer's own subject: the contact person of the account (P1). */
export const customerSubject = (accountId: string) => ({ subjectId: `customer-${accountId}`, accountId });

@Injectable()
export class AccountRepository extends AggregateRepository<AccountCommand, AccountState, AccountEvent> {
  constructor(@Inject(PLATFORM) platform: Platform) {
    super(platform.events, platform.keyring, accountDecider, (_stream, event) => customerSubject(event.data.accountId));
  }
}
