import type { AttemptThrottle, SessionRevocations } from '@privacy-ledger/auth';
import type { Clock } from '@privacy-ledger/clock';
import type { Keyring, UniqueClaims } from '@privacy-ledger/keyring';
import type { EventStore, EventTypeRegistry } from '@privacy-ledger/ledger';
import type { Mailer } from '@privacy-ledger/mail';
import type { ProjectionLease, ReadModels } from '@privacy-ledger/projections';
import type { RuntimeConfig } from './runtime-config';

/**
 * The ports every service stands on, with the adapters a composition root chose for this runtime mode.
 * One per process (shared by all services in embedded mode); services receive each port on its own.
 */
export interface Platform {
  readonly config: RuntimeConfig;
  readonly events: EventStore;
  readonly readModels: ReadModels;
  readonly lease: ProjectionLease;
  /** Each service's own keyring, under its own KEK: no service can open another's keys (P2). */
  keyringOf(service: string): Keyring;
  /** Each service's look-ups by user name or e-mail address, in a blind index under its own KEK epochs. */
  claimsOf(service: string): UniqueClaims;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly revocations: SessionRevocations;
  readonly throttle: AttemptThrottle;
  readonly eventTypes: EventTypeRegistry;
  /** Throws when the database (ledger, keyrings) does not answer: the process cannot serve at all. */
  checkHealth(): Promise<void>;
  /** Throws when the read-model store does not answer: reads, and the waits after writes, fail until it does. */
  checkReadModels(): Promise<void>;
  close(): Promise<void>;
}
