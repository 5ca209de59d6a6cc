import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@privacy-ledger/auth';
import { ServiceSpec, type SpecPrincipal } from '@privacy-ledger/runtime';
import { RetentionModule } from './retention.module';

/** Retention as its specifications run it: on in-memory ports, trusting the specification's own tokens. */
export const startRetentionSpec = (): Promise<ServiceSpec> =>
  ServiceSpec.start('retention', (platform, { verifier }) => RetentionModule.forPlatform(platform, verifier));

/** A staff member holding one role. */
export const staffWith = (role: StaffRole): SpecPrincipal => ({ id: randomUUID(), kind: 'staff', roles: [role] });
