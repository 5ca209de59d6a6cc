import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type SignJWT } from 'jose';
import type { Platform } from '../platform';
import { developmentSecret } from '../development-secrets';
import { StartupError } from '../startup-error';

type PrivateKey = Parameters<SignJWT['sign']>[0];

/** A service's Ed25519 signing key (EdDSA), and the public half it publishes as a JWKS. */
export class Ed25519Key {
  private constructor(
    readonly privateKey: PrivateKey,
    readonly publicJwk: JWK,
  ) {}

  static async generatePrivateJwk(): Promise<string> {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    return JSON.stringify(await exportJWK(privateKey));
  }

  static async fromPrivateJwk(json: string): Promise<Ed25519Key> {
    const jwk = JSON.parse(json) as JWK;
    const { d: _private, ...publicPart } = jwk;
    const kid = await calculateJwkThumbprint(publicPart);
    const privateKey = await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA');
    return new Ed25519Key(privateKey, { ...publicPart, kid, alg: 'EdDSA', use: 'sig' });
  }

  get jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }
}

/**
 * The signing key named by `variable` (a private Ed25519 key as a JWK); in embedded mode, one generated once
 * into the secrets directory, with a warning. Server mode refuses to start without it.
 */
export async function configuredSigningKey(
  platform: Platform,
  variable: string,
  warn: (message: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Ed25519Key> {
  const configured = env[variable];
  if (!configured && platform.config.databaseUrl) throw new StartupError(`${variable} must be configured when DATABASE_URL is set`);
  const generated = configured ? '' : await Ed25519Key.generatePrivateJwk();
  const json =
    configured || developmentSecret(platform.config.secretsDir, `${variable.toLowerCase().replace(/_/g, '-')}.jwk`, () => generated, warn);
  try {
    return await Ed25519Key.fromPrivateJwk(json);
  } catch {
    // The parser's message would quote the key.
    throw new StartupError(`${variable} must be a private Ed25519 key as a JWK (JSON)`);
  }
}
