import { deciderSpec } from '@privacy-ledger/testing';
import { accountClosureDecider, type AccountClosureCommand } from './account-closure.decider';
import type { AccountClosureEvent } from './account-closure.events';

const spec = deciderSpec(accountClosureDecider);
const accountId = 'acc-1';
const at = '2026-12-01T10:00:00.000Z';
const YEAR_MS = 365 * 24 * 3600 * 1000;
const close = (removeNow: boolean, overrides: Partial<AccountClosureCommand> = {}): AccountClosureCommand =>
  ({
    type: 'CloseAccount',
    accountId,
    erasureId: 'er-1',
    removeNow,
    requestedBy: accountId,
    retentionMs: YEAR_MS,
    at,
    ...overrides,
  }) as AccountClosureCommand;
const closed = (removeNow: boolean, dueAt: string, closedAt = at): AccountClosureEvent => ({
  type: 'AccountClosed',
  data: { accountId, erasureId: 'er-1', removeNow, requestedBy: accountId, closedAt, dueAt },
  personal: null,
});
const cancelled = closed(false, '2027-12-01T10:00:00.000Z');
const reactivate = (when: string): AccountClosureCommand => ({ type: 'ReactivateAccount', accountId, at: when });

describe('account closure (P11, P12)', () => {
  it('cancels an account: its erasure is due when the retention period ends', () => {
    spec.given([]).when(close(false)).then([cancelled]);
  });

  it('closes an account for removal now: its erasure is due at once', () => {
    spec
      .given([])
      .when(close(true))
      .then([closed(true, at)]);
  });

  it('brings a cancelled account’s erasure forward when removal is asked for, keeping its id', () => {
    const later = '2027-01-01T00:00:00.000Z';
    spec
      .given([cancelled])
      .when(close(true, { erasureId: 'er-2', at: later }))
      .then([closed(true, later, later)]);
  });

  it('refuses to close an account twice the same way, naming what stands', () => {
    spec
      .given([cancelled])
      .when(close(false))
      .thenRefuses('conflict', /cancelled already; its data is erased at 2027-12-01/);
    spec
      .given([closed(true, at)])
      .when(close(false))
      .thenRefuses('conflict', /removal is under way, as erasure er-1/);
    spec
      .given([closed(true, at)])
      .when(close(true))
      .thenRefuses('conflict');
  });

  it('reactivates a cancelled account within the retention period only', () => {
    const within = '2027-11-30T23:59:59.999Z';
    spec
      .given([cancelled])
      .when(reactivate(within))
      .then([{ type: 'AccountReactivated', data: { accountId, erasureId: 'er-1', reactivatedAt: within }, personal: null }]);
    spec
      .given([cancelled])
      .when(reactivate('2027-12-01T10:00:00.000Z'))
      .thenRefuses('conflict', /retention period ended/);
  });

  it('never undoes a removal, and has nothing to reactivate on an open account', () => {
    spec
      .given([closed(true, at)])
      .when(reactivate(at))
      .thenRefuses('conflict', /cannot be undone/);
    spec.given([]).when(reactivate(at)).thenRefuses('conflict', 'the account is not closed');
  });

  it('lets a reactivated account be closed again, under a new erasure', () => {
    const reactivated: AccountClosureEvent = {
      type: 'AccountReactivated',
      data: { accountId, erasureId: 'er-1', reactivatedAt: at },
      personal: null,
    };
    spec
      .given([cancelled, reactivated])
      .when(close(true, { erasureId: 'er-2' }))
      .then([{ ...closed(true, at), data: { ...closed(true, at).data, erasureId: 'er-2' } } as AccountClosureEvent]);
  });
});
