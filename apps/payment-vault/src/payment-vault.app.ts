import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type Platform } from '@privacy-ledger/platform';
import { PaymentVaultModule } from './payment-vault.module';

export function createPaymentVaultApp(platform: Platform): Promise<INestApplication> {
  return createServiceApp('payment-vault', PaymentVaultModule.forPlatform(platform), platform.config);
}
