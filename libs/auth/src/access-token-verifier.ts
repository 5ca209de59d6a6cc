import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { STAFF_ROLES, TOKEN_AUDIENCE, TOKEN_ISSUER, type Principal, type StaffRole } from './principal';

export const ACCESS_TOKEN_VERIFIER = Symbol('AccessTokenVerifier');

export interface AccessTokenVerifier {
  /** The principal, or null for any token that is not a valid, current access token of ours. */
  verify(token: string): Promise<Principal | null>;
}

export class JwksAccessTokenVerifier implements AccessTokenVerifier {
  constructor(private readonly keys: JWTVerifyGetKey) {}

  /** Other services verify against identity's published JWKS. */
  static remote(identityUrl: string): JwksAccessTokenVerifier {
    return new JwksAccessTokenVerifier(createRemoteJWKSet(new URL('/.well-known/jwks.json', identityUrl)));
  }

  async verify(token: string): Promise<Principal | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: ['EdDSA'] });
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
