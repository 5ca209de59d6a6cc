import type { INestApplication } from '@nestjs/common';
import { configuredSigningKey, createServiceApp, jsonLogger, type Platform } from '@privacy-ledger/platform';
import { erasureScheduleOf, retentionPeriodOf } from './retention-period';
import { RetentionModule } from './retention.module';

/** RETENTION_SIGNING_KEY: the private Ed25519 key erasure certificates are signed with, as a JWK; embedded mode generates one. */
export async function createRetentionApp(platform: Platform): Promise<INestApplication> {
  const signingKey = await configuredSigningKey(platform, 'RETENTION_SIGNING_KEY', (message) => jsonLogger('retention').warn(message));
  const options = {
    signingKey,
    period: retentionPeriodOf(process.env),
    schedule: erasureScheduleOf(process.env, platform.config.epochs.erasureWindowMs),
  };
  return createServiceApp('retention', RetentionModule.forPlatform(platform, options), platform.config);
}
