import { randomUUID } from 'node:crypto';
import { httpEdgeSpec, ServiceSpec } from '@privacy-ledger/runtime';
import { PaymentVaultModule } from './payment-vault.module';

httpEdgeSpec(
  'payment-vault',
  () => ServiceSpec.start('payment-vault', (platform, { verifier }) => PaymentVaultModule.forPlatform(platform, verifier)),
  {
    protectedGet: '/accounts/me/cards',
    jsonPost: { path: '/accounts/me/cards', as: { id: randomUUID(), kind: 'customer', steppedUp: true } },
  },
);
