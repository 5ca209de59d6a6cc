import { deciderSpec } from '@privacy-ledger/testing';
import { passwordResetDecider } from './password-reset.decider';
import type { PasswordResetEvent } from './password-reset.events';

const spec = deciderSpec(passwordResetDecider);
const at = '2026-11-23T10:00:00.000Z';
const requested = (tokenHash: string, requestedAt = at): PasswordResetEvent => ({
  type: 'PasswordResetRequested',
  data: {
    principalId: 'p1',
    principalKind: 'customer',
    resetId: `r-${tokenHash}`,
    tokenHash,
    expiresAt: '2026-11-23T10:30:00.000Z',
    requestedAt,
  },
  personal: null,
});
const request = (tokenHash: string, when = at) =>
  ({
    type: 'RequestPasswordReset',
    principalId: 'p1',
    principalKind: 'customer',
    resetId: `r-${tokenHash}`,
    tokenHash,
    expiresAt: '2026-11-23T10:30:00.000Z',
    at: when,
  }) as const;
const complete = (tokenHash: string, when = '2026-11-23T10:10:00.000Z') =>
  ({ type: 'CompletePasswordReset', principalId: 'p1', tokenHash, passwordHash: 'scrypt$new', at: when }) as const;

describe('password reset decider', () => {
  it('records a request by the hash of its token', () =>
    spec
      .given([])
      .when(request('h1'))
      .then([requested('h1')]));

  it('sends nothing new within a minute of the last request, then replaces the token', () => {
    spec
      .given([requested('h1')])
      .when(request('h2', '2026-11-23T10:00:30.000Z'))
      .then([]);
    spec
      .given([requested('h1')])
      .when(request('h2', '2026-11-23T10:01:00.000Z'))
      .then([requested('h2', '2026-11-23T10:01:00.000Z')]);
  });

  it('completes once, with the latest token, before it expires, carrying the new password hash sealed', () => {
    const completed: PasswordResetEvent = {
      type: 'PasswordResetCompleted',
      data: { principalId: 'p1', principalKind: 'customer', resetId: 'r-h1', completedAt: '2026-11-23T10:10:00.000Z' },
      personal: { passwordHash: 'scrypt$new' },
    };
    spec
      .given([requested('h1')])
      .when(complete('h1'))
      .then([completed]);
    spec
      .given([requested('h1'), completed])
      .when(complete('h1'))
      .thenRefuses('invalid', /not valid/);
    spec
      .given([requested('h1'), requested('h2', '2026-11-23T10:02:00.000Z')])
      .when(complete('h1'))
      .thenRefuses('invalid');
    spec
      .given([requested('h1')])
      .when(complete('h1', '2026-11-23T10:30:00.000Z'))
      .thenRefuses('invalid', /expired/);
    spec.given([]).when(complete('h1')).thenRefuses('invalid');
  });
});
