import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, SignJWT, type JWK } from 'jose';
import type { Clock } from '@privacy-ledger/clock';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  JwksAccessTokenVerifier,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type PrincipalIdentity,
} from '@privacy-ledger/auth';
import { Ed25519Key } from '@privacy-ledger/platform';

/** Signs short-lived access tokens (EdDSA) and publishes the public key as a JWKS. */
export class TokenSigner {
  constructor(private readonly key: Ed25519Key) {}

  static generatePrivateJwk(): Promise<string> {
    return Ed25519Key.generatePrivateJwk();
  }

  static async fromPrivateJwk(json: string): Promise<TokenSigner> {
    return new TokenSigner(await Ed25519Key.fromPrivateJwk(json));
  }

  get publicJwk(): JWK {
    return this.key.publicJwk;
  }

  get jwks(): { keys: JWK[] } {
    return this.key.jwks;
  }

  /** Ids and roles only: a token never carries a name, an e-mail or a user name. `issuedAt` (ms) comes from the caller's clock. */
  sign(
    principal: PrincipalIdentity,
    sessionId: string,
    { issuedAt, stepUpAt, mfaAt }: { issuedAt: number; stepUpAt?: number; mfaAt?: number },
  ): Promise<string> {
    const issuedAtSeconds = Math.floor(issuedAt / 1000);
    return new SignJWT({
      kind: principal.kind,
      roles: [...principal.roles],
      sid: sessionId,
      iatMs: issuedAt,
      ...(stepUpAt ? { stepUpAt } : {}),
      ...(mfaAt ? { mfaAt } : {}),
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.publicJwk.kid })
      .setSubject(principal.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(issuedAtSeconds)
      .setJti(randomUUID())
      .setExpirationTime(issuedAtSeconds + ACCESS_TOKEN_TTL_SECONDS)
      .sign(this.key.privateKey);
  }

  localVerifier(clock: Clock): JwksAccessTokenVerifier {
    return new JwksAccessTokenVerifier(createLocalJWKSet(this.jwks), clock);
  }
}
