import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ManualClock } from '@privacy-ledger/clock';
import type { AccessTokenVerifier } from './access-token-verifier';
import { Access, OpenToClosedAccount, Public, RequiresStepUp } from './access.decorators';
import { ACCOUNT_CLOSED, AccessGuard, STEP_UP_REQUIRED } from './access.guard';
import { STEP_UP_WINDOW_MS, type Principal } from './principal';
import type { SessionRevocations } from './session-revocations';

class Routes {
  @Public() signup() {}
  @Access({ customer: true }) ownAccount() {}
  @Access({ staff: ['privacy-officer'] }) createStaff() {}
  @Access({ customer: true }) @RequiresStepUp() billingDetails() {}
  @Access({ customer: true }) @OpenToClosedAccount() reactivation() {}
  unmarked() {}
}

const clock = new ManualClock();
const now = clock.now().getTime();
const session = { issuedAt: now - 1000, stepUpAt: null, mfaAt: null };
const principals: Record<string, Principal> = {
  customer: { id: 'c1', kind: 'customer', roles: [], sessionId: 's1', ...session },
  support: { id: 'st1', kind: 'staff', roles: ['support'], sessionId: 's2', ...session },
  officer: { id: 'st2', kind: 'staff', roles: ['support', 'privacy-officer'], sessionId: 's3', ...session },
  steppedUp: { id: 'c1', kind: 'customer', roles: [], sessionId: 's1', issuedAt: now - 1000, stepUpAt: now - 1000, mfaAt: null },
  steppedUpLongAgo: {
    id: 'c1',
    kind: 'customer',
    roles: [],
    sessionId: 's1',
    issuedAt: now - 1000,
    stepUpAt: now - STEP_UP_WINDOW_MS - 1000,
    mfaAt: null,
  },
  revoked: { id: 'c2', kind: 'customer', roles: [], sessionId: 's4', issuedAt: now - 60_000, stepUpAt: null, mfaAt: null },
  closed: { id: 'c3', kind: 'customer', roles: [], sessionId: 's6', ...session },
  afterRevocation: { id: 'c2', kind: 'customer', roles: [], sessionId: 's5', issuedAt: now - 1000, stepUpAt: null, mfaAt: null },
};
const verifier: AccessTokenVerifier = { verify: async (token) => principals[token] ?? null };
const revocations: SessionRevocations = {
  revokeAll: async () => undefined,
  setAccountClosed: async () => undefined,
  standingOf: async (id) => ({ revokedBefore: id === 'c2' ? now - 30_000 : null, closedSince: id === 'c3' ? now - 30_000 : null }),
};
const guard = new AccessGuard(new Reflector(), verifier, revocations, clock);

async function call(route: keyof Routes, authorization?: string) {
  const request: { headers: Record<string, string | undefined>; principal?: Principal } = { headers: { authorization } };
  const context = {
    getHandler: () => Routes.prototype[route],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return guard.canActivate(context).then(
    () => ({ allowed: true, principal: request.principal }),
    (error: Error) => error,
  );
}

describe('AccessGuard: deny by default', () => {
  it('lets anyone call a public route', async () => {
    await expect(call('signup')).resolves.toMatchObject({ allowed: true });
  });

  it('asks for a valid bearer token everywhere else (401)', async () => {
    for (const authorization of [undefined, 'Bearer', 'Bearer unknown', 'Basic customer', 'customer']) {
      await expect(call('ownAccount', authorization)).resolves.toBeInstanceOf(UnauthorizedException);
    }
  });

  it('lets a caller in only where the route names its kind or one of its roles (403 otherwise)', async () => {
    await expect(call('ownAccount', 'Bearer customer')).resolves.toEqual({ allowed: true, principal: principals.customer });
    await expect(call('ownAccount', 'Bearer officer')).resolves.toBeInstanceOf(ForbiddenException);
    await expect(call('createStaff', 'Bearer customer')).resolves.toBeInstanceOf(ForbiddenException);
    await expect(call('createStaff', 'Bearer support')).resolves.toBeInstanceOf(ForbiddenException);
    await expect(call('createStaff', 'Bearer officer')).resolves.toMatchObject({ allowed: true });
  });

  it("refuses a token issued before its principal's sessions were revoked, not one issued after", async () => {
    await expect(call('ownAccount', 'Bearer revoked')).resolves.toMatchObject({ message: 'this session was ended: log in again' });
    await expect(call('ownAccount', 'Bearer afterRevocation')).resolves.toMatchObject({ allowed: true });
  });

  it("refuses a closed account's customer everywhere but where a closed account may go, and says how to reactivate", async () => {
    await expect(call('ownAccount', 'Bearer closed')).resolves.toMatchObject({ status: 403, message: ACCOUNT_CLOSED });
    await expect(call('reactivation', 'Bearer closed')).resolves.toMatchObject({ allowed: true });
    await expect(call('reactivation', 'Bearer customer')).resolves.toMatchObject({ allowed: true });
  });

  it('opens a step-up route only within minutes of re-entering the password, and says why not otherwise', async () => {
    await expect(call('billingDetails', 'Bearer customer')).resolves.toMatchObject({ status: 403, message: STEP_UP_REQUIRED });
    await expect(call('billingDetails', 'Bearer steppedUpLongAgo')).resolves.toBeInstanceOf(ForbiddenException);
    await expect(call('billingDetails', 'Bearer steppedUp')).resolves.toMatchObject({ allowed: true });
  });

  it('denies every caller a route that states no rule', async () => {
    for (const who of ['customer', 'support', 'officer', 'steppedUp'])
      await expect(call('unmarked', `Bearer ${who}`)).resolves.toBeInstanceOf(ForbiddenException);
  });
});
