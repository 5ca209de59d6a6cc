import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@privacy-ledger/auth';
import { ACCOUNT_OPENED, IDENTITY_ACCOUNT_STREAM } from '@privacy-ledger/contracts';
import { newEvent, streamOf } from '@privacy-ledger/ledger';
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

/** A customer account as identity opens it: its published `AccountOpened` in the ledger. Returns its id. */
export async function openCustomerAccount(spec: ServiceSpec): Promise<string> {
  const accountId = randomUUID();
  const at = spec.platform.clock.now().toISOString();
  const opened = newEvent(
    { type: ACCOUNT_OPENED, data: { accountId, kind: 'individual', openedAt: at } },
    { occurredAt: at, correlationId: randomUUID(), causationId: null, actor: accountId },
  );
  await spec.platform.events.append(streamOf({ name: IDENTITY_ACCOUNT_STREAM }, accountId), [opened], { expectedRevision: 'no_stream' });
  return accountId;
}
