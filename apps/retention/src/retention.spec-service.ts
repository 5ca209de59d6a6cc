import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@privacy-ledger/auth';
import { ServiceSpec, type SpecPrincipal } from '@privacy-ledger/runtime';
import { Ed25519Key } from '@privacy-ledger/platform';
import { RetentionModule } from './retention.module';
import type { ErasureSchedule } from './erasures/due-erasures.schedule';
import type { RetentionPeriod } from './retention-period';

const DAY_MS = 24 * 3600 * 1000;

/** Retention as its specifications run it: on in-memory ports, trusting the specification's own tokens. */
export const startRetentionSpec = (
  options: { period?: RetentionPeriod; schedule?: ErasureSchedule; env?: NodeJS.ProcessEnv } = {},
): Promise<ServiceSpec> =>
  ServiceSpec.start(
    'retention',
    async (platform, { verifier }) =>
      RetentionModule.forPlatform(platform, {
        verifier,
        period: options.period ?? { ms: 365 * DAY_MS },
        schedule: options.schedule ?? { intervalMs: 60_000, stalledAfterMs: 300_000 },
        signingKey: await Ed25519Key.fromPrivateJwk(await Ed25519Key.generatePrivateJwk()),
      }),
    { env: options.env },
  );

/** A staff member holding one role. */
export const staffWith = (role: StaffRole): SpecPrincipal => ({ id: randomUUID(), kind: 'staff', roles: [role] });
