import { Inject, Injectable } from '@nestjs/common';
import { AggregateRepository } from '@privacy-ledger/ledger';
import { PLATFORM, type Platform } from '@privacy-ledger/platform';
import { staffDecider, type StaffCommand, type StaffEvent, type StaffState } from './staff.decider';

export const staffStream = (staffId: string) => `staff-${staffId}`;
/** A staff member's keyring is their own, apart from every customer's. */
export const staffSubject = (staffId: string) => ({ subjectId: `staff-${staffId}`, accountId: `staff-${staffId}` });

@Injectable()
export class StaffRepository extends AggregateRepository<StaffCommand, StaffState, StaffEvent> {
  constructor(@Inject(PLATFORM) platform: Platform) {
    super(platform.events, platform.keyring, staffDecider, (_stream, event) => staffSubject(event.data.staffId));
  }
}
