import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CLOCK, type Clock } from '@privacy-ledger/clock';
import { ACCESS_TOKEN_VERIFIER, type AccessTokenVerifier } from './access-token-verifier';
import { ACCESS_RULE, OPEN_TO_CLOSED_ROUTE, PUBLIC_ROUTE, STEP_UP_ROUTE, type AccessRule } from './access.decorators';
import { STEP_UP_WINDOW_MS } from './principal';
import { SESSION_REVOCATIONS, type SessionRevocations } from './session-revocations';

export const STEP_UP_REQUIRED =
  'this needs a recent re-entry of your password (step-up): POST /sessions/step-up with your password on the identity service, ' +
  'then call again with the access token it returns';
export const ACCOUNT_CLOSED =
  'this account is closed: within the retention period it can be reactivated with POST /accounts/me/reactivation on the retention service';
export const MFA_REQUIRED =
  'this needs your second factor: POST /sessions/mfa with {code} from your authenticator app on the identity service ' +
  '(enrol first with POST /staff/me/totp), then call again with the access token it returns';

/**
 * Deny by default: authenticated by a bearer token of a session not revoked since, then authorised by the
 * route's own rule, and for billing data and cards by a recent step-up.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    @Inject(SESSION_REVOCATIONS) private readonly revocations: SessionRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: unknown }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const principal = scheme === 'Bearer' && token ? await this.verifier.verify(token) : null;
    if (!principal) throw new UnauthorizedException('a valid bearer access token is required');
    const { revokedBefore, closedSince } = await this.revocations.standingOf(principal.id);
    if (revokedBefore !== null && principal.issuedAt <= revokedBefore)
      throw new UnauthorizedException('this session was ended: log in again');
    if (closedSince !== null && !this.reflector.getAllAndOverride<boolean>(OPEN_TO_CLOSED_ROUTE, targets))
      throw new ForbiddenException(ACCOUNT_CLOSED);
    request.principal = principal;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    const allowed =
      principal.kind === 'customer' ? rule?.customer === true : (rule?.staff ?? []).some((role) => principal.roles.includes(role));
    if (!allowed) throw new ForbiddenException('your role does not allow this');
    const fresh = principal.stepUpAt !== null && this.clock.now().getTime() - principal.stepUpAt <= STEP_UP_WINDOW_MS;
    if (this.reflector.getAllAndOverride<boolean>(STEP_UP_ROUTE, targets) && !fresh) throw new ForbiddenException(STEP_UP_REQUIRED);
    return true;
  }
}
