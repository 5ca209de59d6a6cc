import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createServiceApp, developmentSecret, jsonLogger, StartupError, type Platform } from '@privacy-ledger/platform';
import { VaultMac } from './vault-mac';
import { PaymentVaultModule } from './payment-vault.module';

/**
 * PAYMENT_VAULT_FINGERPRINT_KEY, named for the card fingerprints earlier versions made under it; now the charge ids'.
 * Embedded mode generates one into the secrets directory, outside the data.
 */
function vaultMacKey({ config }: Platform): Buffer {
  if (config.cardFingerprintKey) return Buffer.from(config.cardFingerprintKey, 'base64');
  if (config.databaseUrl) throw new StartupError('PAYMENT_VAULT_FINGERPRINT_KEY must be configured when DATABASE_URL is set');
  const warn = (message: string) => jsonLogger('payment-vault').warn(message);
  return Buffer.from(
    developmentSecret(config.secretsDir, 'card-fingerprint.key', () => randomBytes(32).toString('base64'), warn),
    'base64',
  );
}

export function createPaymentVaultApp(platform: Platform): Promise<INestApplication> {
  const mac = new VaultMac(vaultMacKey(platform));
  return createServiceApp('payment-vault', PaymentVaultModule.forPlatform(platform, mac), platform.config);
}
