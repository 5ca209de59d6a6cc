import { deciderSpec } from '@privacy-ledger/testing';
import { accountClosureDecider, type AccountClosureCommand } from './account-closure.decider';
import type { AccountClosureEvent } from './account-closure.events';
import type { HoldState } from '../legal-holds/legal-holds.decider';

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

describe('the erasure of a closed account (P11, P12)', () => {
  const participants = ['identity', 'retention'] as const;
  const start = (when: string, standingHolds: HoldState[] = []): AccountClosureCommand => ({
    type: 'StartErasure',
    accountId,
    participants,
    standingHolds,
    at: when,
  });
  const started = (legalBasis: string, requestedBy = accountId, startedAt = at): AccountClosureEvent =>
    ({
      type: 'ErasureStarted',
      data: { accountId, erasureId: 'er-1', legalBasis, requestedBy, requestedAt: at, startedAt, participants: [...participants] },
      personal: null,
    }) as AccountClosureEvent;
  const complete: AccountClosureCommand = { type: 'CompleteErasure', accountId, position: 42, certificate: 'jws', at };
  const completed: AccountClosureEvent = {
    type: 'ErasureCompleted',
    data: { accountId, erasureId: 'er-1', completedAt: at, position: 42, certificate: 'jws' },
    personal: null,
  };
  const courtOrder: HoldState = { holdId: 'h1', kind: 'court-order', placedAt: at, standing: true };

  it('starts a removal asked for by the customer at once, on that legal basis', () => {
    spec
      .given([closed(true, at)])
      .when(start(at))
      .then([started('removal-requested-on-closure')]);
  });

  it('starts a removal the privacy officer recorded on a verified request, saying so', () => {
    const byOfficer: AccountClosureEvent = {
      ...closed(true, at),
      data: { ...closed(true, at).data, requestedBy: 'officer-1' },
    } as AccountClosureEvent;
    spec
      .given([byOfficer])
      .when(start(at))
      .then([started('verified-request', 'officer-1')]);
  });

  it('starts a cancelled account’s erasure only when the retention period ended', () => {
    spec
      .given([cancelled])
      .when(start(at))
      .thenRefuses('conflict', /due at 2027-12-01/);
    const due = '2027-12-01T10:00:00.000Z';
    spec
      .given([cancelled])
      .when(start(due))
      .then([started('retention-period-ended', accountId, due)]);
  });

  it('waits while a legal hold stands, naming its kind', () => {
    spec
      .given([closed(true, at)])
      .when(start(at, [courtOrder]))
      .thenRefuses('conflict', 'the erasure waits for legal holds: court-order');
  });

  it('starts once, completes once, and is never undone nor closed again', () => {
    spec
      .given([closed(true, at), started('removal-requested-on-closure')])
      .when(start(at))
      .thenRefuses('conflict', 'the erasure is under way already');
    spec
      .given([closed(true, at), started('removal-requested-on-closure')])
      .when(complete)
      .then([completed]);
    const erased = [closed(true, at), started('removal-requested-on-closure'), completed];
    spec.given(erased).when(complete).thenRefuses('conflict', 'no erasure of this account is under way');
    spec.given(erased).when(start(at)).thenRefuses('conflict', 'the erasure completed already');
    spec
      .given(erased)
      .when(close(true))
      .thenRefuses('conflict', /erased, as erasure er-1/);
    spec
      .given(erased)
      .when(reactivate(at))
      .thenRefuses('conflict', /cannot be undone/);
    spec
      .given([closed(true, at)])
      .when(complete)
      .thenRefuses('conflict', 'no erasure of this account is under way');
  });
});
