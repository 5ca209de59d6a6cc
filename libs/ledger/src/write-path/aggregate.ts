import type { Decider, DomainEvent } from '../decider';
import type { RecordedEvent } from '../event-store.port';
import type { PersonalSubject } from '../personal-data-cipher.port';

/** Everything the write path needs to know of one kind of aggregate: its rules, its events, whose key seals them. */
export interface Aggregate<Command, State, Event extends DomainEvent> {
  /** Names its streams (`<name>-<id>`) and owns its event types in the registry that keeps them unique. */
  readonly name: string;
  readonly eventTypes: readonly Event['type'][];
  readonly decider: Decider<Command, State, Event>;
  /** Whose key seals an event's personal part. */
  readonly subjectOf: (event: Event) => PersonalSubject;
  /** It closes, reopens, holds or erases accounts (or logs their customers in to reopen them): it writes for a closed account too. */
  readonly writesForClosedAccounts?: boolean;
}

/** Which accounts are closed: the write path writes nothing more for them but through aggregates that may. */
export interface ClosedAccounts {
  isClosed(accountId: string): Promise<boolean>;
}

/** The `subjectOf` of an aggregate whose events carry no personal data: no subject's key is ever asked for. */
export function holdsNoPersonalData(event: DomainEvent): never {
  throw new Error(`${event.type} holds no personal data`);
}

/** The one naming style of streams: the aggregate's name, a dash, the aggregate's id. */
export function streamOf(aggregate: { readonly name: string }, id: string): string {
  return `${aggregate.name}-${id}`;
}

/**
 * The service that keeps the key of an event's personal part, when that is not `owner`: a part handed over
 * (sealed for another service's keeping) is not the sealing service's to open. Null for an event without one.
 */
export function keptElsewhere(
  aggregate: { readonly subjectOf: (event: never) => PersonalSubject },
  event: RecordedEvent,
  owner: string,
): string | null {
  if (event.personal === null) return null;
  const { keptBy } = aggregate.subjectOf(event as never);
  return keptBy !== undefined && keptBy !== owner ? keptBy : null;
}
