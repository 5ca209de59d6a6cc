import { randomBytes } from 'node:crypto';
import { ServiceSpec } from '@privacy-ledger/runtime';
import { VaultMac } from './vault-mac';
import { PaymentVaultModule } from './payment-vault.module';

/** The vault as every specification runs it: on in-memory ports, with a MAC key of its own. */
export const startVaultSpec = (): Promise<ServiceSpec> =>
  ServiceSpec.start('payment-vault', (platform, { verifier }) =>
    PaymentVaultModule.forPlatform(platform, new VaultMac(randomBytes(32)), verifier),
  );
