import type { INestApplication } from '@nestjs/common';
import { configuredSigningKey, createServiceApp, jsonLogger, type Platform } from '@privacy-ledger/platform';
import { IdentityModule } from './identity.module';
import { TokenSigner } from './tokens/token-signer';

/** IDENTITY_SIGNING_KEY: the private Ed25519 key tokens are signed with, as a JWK; embedded mode generates one. */
export async function createIdentityApp(platform: Platform): Promise<INestApplication> {
  const signer = new TokenSigner(
    await configuredSigningKey(platform, 'IDENTITY_SIGNING_KEY', (message) => jsonLogger('identity').warn(message)),
  );
  return createServiceApp('identity', IdentityModule.forPlatform(platform, signer), platform.config);
}
