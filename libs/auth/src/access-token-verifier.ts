import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock } from '@privacy-ledger/clock';
import { ACCESS_TOKEN_TTL_SECONDS, STAFF_ROLES, TOKEN_AUDIENCE, TOKEN_ISSUER, type Principal, type StaffRole } from './principal';

export const ACCESS_TOKEN_VERIFIER = Symbol('AccessTokenVerifier');

export interface AccessTokenVerifier {
  /** The principal, or null for any token that is not a valid, current access token of ours. */
  verify(token: string): Promise<Principal | null>;
}

/** How far ahead of this service's clock the issuer's clock may run before a token counts as issued in the future. */
export const CLOCK_TOLERANCE_MS = 30_000;

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
        requiredClaims: ['exp', 'iat'],
      });
      const kind = payload.kind;
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is StaffRole => STAFF_ROLES.includes(role)) : [];
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || (kind !== 'customer' && kind !== 'staff')) return null;
      const issuedAt = issuedAtMs(payload.iat!, payload.iatMs);
      const stepUpAt = payload.stepUpAt === undefined ? null : payload.stepUpAt;
      const mfaAt = payload.mfaAt === undefined ? null : payload.mfaAt;
      const latest = this.clock.now().getTime() + CLOCK_TOLERANCE_MS;
      if (issuedAt === null || issuedAt > latest || payload.exp! - payload.iat! > ACCESS_TOKEN_TTL_SECONDS) return null;
      // A step-up or a second factor happens within its session, at the latest when the token saying so is issued.
      if (!isMomentUpTo(stepUpAt, issuedAt) || !isMomentUpTo(mfaAt, issuedAt)) return null;
      if (mfaAt !== null && kind !== 'staff') return null;
      return { id: payload.sub, kind, roles: kind === 'staff' ? roles : [], sessionId: payload.sid, issuedAt, stepUpAt, mfaAt };
    } catch {
      return null;
    }
  }
}

/**
 * When a token was issued, in ms: the standard `iat` (seconds), refined by `iatMs` when present, so that a
 * revocation and a new login in the same second tell apart. An `iatMs` outside `iat`'s second is a token
 * that contradicts itself: null.
 */
function issuedAtMs(iat: number, iatMs: unknown): number | null {
  if (iatMs === undefined) return iat * 1000;
  return Number.isInteger(iatMs) && Math.floor((iatMs as number) / 1000) === iat ? (iatMs as number) : null;
}

function isMomentUpTo(moment: unknown, latest: number): moment is number | null {
  return moment === null || (Number.isInteger(moment) && (moment as number) <= latest);
}
