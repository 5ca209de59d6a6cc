import { httpEdgeSpec, ServiceSpec } from '@privacy-ledger/runtime';
import { IdentityModule } from './identity.module';
import { TokenSigner } from './tokens/token-signer';

httpEdgeSpec(
  'identity',
  () =>
    ServiceSpec.start('identity', async (platform, tokens) =>
      IdentityModule.forPlatform(platform, await TokenSigner.fromPrivateJwk(tokens.privateJwk)),
    ),
  { protectedGet: '/accounts/me', jsonPost: { path: '/accounts' } },
);
