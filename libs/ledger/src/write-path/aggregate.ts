import type { Decider, DomainEvent } from '../decider';
import type { PersonalSubject } from '../personal-data-cipher.port';

/** Everything the write path needs to know of one kind of aggregate: its rules, its events, whose key seals them. */
export interface Aggregate<Command, State, Event extends DomainEvent> {
  /** Who appends these event types, in the registry that keeps type names unique. */
  readonly name: string;
  readonly eventTypes: readonly Event['type'][];
  readonly decider: Decider<Command, State, Event>;
  /** Whose key seals an event's personal part. */
  readonly subjectOf: (event: Event) => PersonalSubject;
}

/** The `subjectOf` of an aggregate whose events carry no personal data: no subject's key is ever asked for. */
export function holdsNoPersonalData(event: DomainEvent): never {
  throw new Error(`${event.type} holds no personal data`);
}
