import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type Platform } from '@privacy-ledger/platform';
import { RetentionModule } from './retention.module';

export function createRetentionApp(platform: Platform): Promise<INestApplication> {
  return createServiceApp('retention', RetentionModule.forPlatform(platform), platform.config);
}
