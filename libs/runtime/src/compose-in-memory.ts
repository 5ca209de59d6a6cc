import { InMemoryAttemptThrottle, InMemorySessionRevocations } from '@privacy-ledger/auth';
import { ManualClock } from '@privacy-ledger/clock';
import { InMemoryKeyring } from '@privacy-ledger/keyring';
import { EventTypeRegistry, InMemoryEventStore } from '@privacy-ledger/ledger';
import { NodemailerMailer } from '@privacy-ledger/mail';
import { runtimeConfig, type Platform } from '@privacy-ledger/platform';
import { InMemoryProjectionLease, InMemoryReadModels } from '@privacy-ledger/projections';

export interface InMemoryPlatform extends Platform {
  readonly clock: ManualClock;
  /** The service's own keyring. */
  readonly keyring: InMemoryKeyring;
  /** Every message sent, as composed. */
  readonly mailed: readonly Buffer[];
}

/**
 * The composition root of specifications: one service, every port in this process's memory, time that moves only when told.
 * `env`: configuration variables a specification sets (the public URLs are set already).
 */
export function composeInMemory(service: string, { start, env }: { start?: string; env?: NodeJS.ProcessEnv } = {}): InMemoryPlatform {
  const clock = new ManualClock(start);
  const events = new InMemoryEventStore();
  const keyring = new InMemoryKeyring(service, () => clock.now());
  const claims = keyring.claims(events);
  const mailer = NodemailerMailer.inMemory('Privacy Ledger <no-reply@privacy-ledger.test>');
  return {
    config: runtimeConfig({ IDENTITY_PUBLIC_URL: 'http://identity.test', CONTACTS_PUBLIC_URL: 'http://contacts.test', ...env }),
    events,
    readModels: new InMemoryReadModels(),
    lease: new InMemoryProjectionLease(),
    keyring,
    keyringOf: (name) => {
      if (name !== service) throw new Error(`this platform holds the keyring of ${service}, not of ${name}`);
      return keyring;
    },
    claimsOf: (name) => {
      if (name !== service) throw new Error(`this platform holds the claims of ${service}, not of ${name}`);
      return claims;
    },
    mailer,
    mailed: mailer.sent,
    clock,
    revocations: new InMemorySessionRevocations(),
    throttle: new InMemoryAttemptThrottle(clock),
    eventTypes: new EventTypeRegistry(),
    checkHealth: async () => undefined,
    checkReadModels: async () => undefined,
    close: async () => mailer.close(),
  };
}
