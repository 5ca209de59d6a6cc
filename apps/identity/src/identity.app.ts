import type { INestApplication } from '@nestjs/common';
import { createServiceApp, developmentSecret, jsonLogger, StartupError, type Platform } from '@privacy-ledger/platform';
import { IdentityModule } from './identity.module';
import { TokenSigner } from './tokens/token-signer';

/** IDENTITY_SIGNING_KEY: the private Ed25519 key as a JWK; embedded mode generates one into the data directory. */
async function signingKey(platform: Platform, warn: (message: string) => void): Promise<string> {
  const configured = process.env.IDENTITY_SIGNING_KEY;
  if (configured) return configured;
  if (platform.config.databaseUrl) throw new StartupError('IDENTITY_SIGNING_KEY must be configured when DATABASE_URL is set');
  const generated = await TokenSigner.generatePrivateJwk();
  return developmentSecret(platform.config.secretsDir, 'identity-signing-key.jwk', () => generated, warn);
}

async function signerOf(platform: Platform): Promise<TokenSigner> {
  const key = await signingKey(platform, (message) => jsonLogger('identity').warn(message));
  try {
    return await TokenSigner.fromPrivateJwk(key);
  } catch {
    // The parser's message would quote the key.
    throw new StartupError('IDENTITY_SIGNING_KEY must be a private Ed25519 key as a JWK (JSON)');
  }
}

export async function createIdentityApp(platform: Platform): Promise<INestApplication> {
  const signer = await signerOf(platform);
  return createServiceApp('identity', IdentityModule.forPlatform(platform, signer), platform.config);
}
