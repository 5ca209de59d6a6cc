import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AccessTokenVerifier } from './access-token-verifier';
import { Access, Public } from './access.decorators';
import { AccessGuard } from './access.guard';
import type { Principal } from './principal';

class Routes {
  @Public() signup() {}
  @Access({ customer: true }) ownAccount() {}
  @Access({ staff: ['privacy-officer'] }) createStaff() {}
  unmarked() {}
}

const principals: Record<string, Principal> = {
  customer: { id: 'c1', kind: 'customer', roles: [], sessionId: 's1' },
  support: { id: 'st1', kind: 'staff', roles: ['support'], sessionId: 's2' },
  officer: { id: 'st2', kind: 'staff', roles: ['support', 'privacy-officer'], sessionId: 's3' },
};
const verifier: AccessTokenVerifier = { verify: async (token) => principals[token] ?? null };
const guard = new AccessGuard(new Reflector(), verifier);

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

  it('denies every caller a route that states no rule', async () => {
    for (const who of Object.keys(principals)) await expect(call('unmarked', `Bearer ${who}`)).resolves.toBeInstanceOf(ForbiddenException);
  });
});
