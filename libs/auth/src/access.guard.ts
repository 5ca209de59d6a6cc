import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_TOKEN_VERIFIER, type AccessTokenVerifier } from './access-token-verifier';
import { ACCESS_RULE, PUBLIC_ROUTE, type AccessRule } from './access.decorators';

/** Deny by default: authenticated by a bearer token, then authorised by the route's own rule. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: unknown }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const principal = scheme === 'Bearer' && token ? await this.verifier.verify(token) : null;
    if (!principal) throw new UnauthorizedException('a valid bearer access token is required');
    request.principal = principal;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    const allowed = principal.kind === 'customer' ? rule?.customer === true : (rule?.staff ?? []).some((role) => principal.roles.includes(role));
    if (!allowed) throw new ForbiddenException('your role does not allow this');
    return true;
  }
}
