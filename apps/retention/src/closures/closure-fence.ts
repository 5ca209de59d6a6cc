import type { SessionRevocations } from '@privacy-ledger/auth';
import type { AccountClosed, AccountReactivated } from './account-closure.events';

/**
 * What every service asks before it serves a token or writes: a closure ends the account's sessions and fences
 * it (its customer may only reactivate it or take their data; nothing more is written for it), a reactivation
 * lifts the fence. Applied by the handler at once and by a reactor from the ledger, so a crash in between loses nothing.
 */
export async function fenceClosure(revocations: SessionRevocations, event: AccountClosed | AccountReactivated): Promise<void> {
  if (event.type === 'AccountReactivated') {
    const { accountId, reactivatedAt } = event.data;
    return revocations.setAccountClosed(accountId, null, new Date(reactivatedAt));
  }
  const { accountId, closedAt } = event.data;
  await revocations.revokeAll(accountId, new Date(closedAt));
  await revocations.setAccountClosed(accountId, new Date(closedAt), new Date(closedAt));
}
