import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock } from '@privacy-ledger/clock';
import { STAFF_ROLES, TOKEN_AUDIENCE, TOKEN_ISSUER, type Principal, type StaffRole } from './principal';

export const ACCESS_TOKEN_VERIFIER = Symbol('AccessTokenVerifier');

export interface AccessTokenVerifier {
  /** The principal, or null for any token that is not a valid, current access token of ours. */
  verify(token: string): Promise<Principal | null>;
}

export class JwksAccessTokenVerifier implements AccessTokenVerifier {
  /** `clock`: what "now" is when checking a token's expiry. */
  constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Other services verify against identity's published JWKS. */
  static remote(identityUrl: string, clock: Clock): JwksAccessTokenVerifier {
    return new JwksAccessTokenVerifier(createRemoteJWKSet(new URL('/.well-known/jwks.json', identityUrl)), clock);
  }

  async verify(token: string): Promise<Principal | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ['EdDSA'],
        currentDate: this.clock.now(),
      });
      const kind = payload.kind;
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is StaffRole => STAFF_ROLES.includes(role)) : [];
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || (kind !== 'customer' && kind !== 'staff')) return null;
      const issuedAt = typeof payload.iatMs === 'number' ? payload.iatMs : (payload.iat ?? 0) * 1000;
      const stepUpAt = typeof payload.stepUpAt === 'number' ? payload.stepUpAt : null;
      return { id: payload.sub, kind, roles: kind === 'staff' ? roles : [], sessionId: payload.sid, issuedAt, stepUpAt };
    } catch {
      return null;
    }
  }
}
