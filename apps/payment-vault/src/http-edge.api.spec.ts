import { randomUUID } from 'node:crypto';
import { httpEdgeSpec } from '@privacy-ledger/runtime';
import { startVaultSpec } from './payment-vault.spec-service';

httpEdgeSpec('payment-vault', startVaultSpec, {
  protectedGet: '/accounts/me/cards',
  jsonPost: { path: '/accounts/me/cards', as: { id: randomUUID(), kind: 'customer', steppedUp: true } },
});
