import { ACCOUNT_OPENED, IDENTITY_ACCOUNT_STREAM } from '@privacy-ledger/contracts';
import { DomainRuleViolation, streamOf, type EventStore } from '@privacy-ledger/ledger';

/**
 * Refuses an id identity never opened a customer account for, as its published `AccountOpened` shows in the ledger:
 * a staff member's id, or a mistyped one. Closing it would fence that principal out of every service and erase nothing.
 */
export async function refuseUnknownCustomer(events: EventStore, accountId: string): Promise<void> {
  const [opened] = await events.readStream(streamOf({ name: IDENTITY_ACCOUNT_STREAM }, accountId), { maxCount: 1 });
  if (opened?.type !== ACCOUNT_OPENED) throw new DomainRuleViolation('not_found', 'no such customer account');
}
