import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Clock } from '@privacy-ledger/clock';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  JwksAccessTokenVerifier,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type PrincipalIdentity,
} from '@privacy-ledger/auth';

type SigningKey = Parameters<SignJWT['sign']>[0];

/** Signs short-lived access tokens (EdDSA) and publishes the public key as a JWKS. */
export class TokenSigner {
  private constructor(
    private readonly privateKey: SigningKey,
    readonly publicJwk: JWK,
  ) {}

  static async generatePrivateJwk(): Promise<string> {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    return JSON.stringify(await exportJWK(privateKey));
  }

  static async fromPrivateJwk(json: string): Promise<TokenSigner> {
    const jwk = JSON.parse(json) as JWK;
    const { d: _private, ...publicPart } = jwk;
    const kid = await calculateJwkThumbprint(publicPart);
    const privateKey = await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA');
    return new TokenSigner(privateKey, { ...publicPart, kid, alg: 'EdDSA', use: 'sig' });
  }

  get jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
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
      .sign(this.privateKey);
  }

  localVerifier(clock: Clock): JwksAccessTokenVerifier {
    return new JwksAccessTokenVerifier(createLocalJWKSet(this.jwks), clock);
  }
}
