import { isShredded, personalOrShredded, type Decider, type DomainEvent } from './decider';
import { WrongExpectedRevisionError } from './errors';
import type { EventMetadata, EventStore, ExpectedRevision, NewEvent, Position } from './event-store.port';

const MAX_ATTEMPTS = 5;
import { newEvent } from './new-event';
import type { PersonalDataCipher, PersonalSubject } from './personal-data-cipher.port';

export type CommandContext = Omit<EventMetadata, 'occurredAt'>;

export interface Handled<State, Event> {
  readonly state: State;
  readonly events: Event[];
  readonly revision: number;
  /** Where the new events landed in the log (null when the command changed nothing): what a writer waits for read models to reach. */
  readonly position: Position | null;
}

export interface PendingAppend<State, Event> {
  readonly streamId: string;
  readonly events: NewEvent[];
  readonly expectedRevision: ExpectedRevision;
  /** What `handle` returns once the events are appended. */
  readonly outcome: Handled<State, Event>;
}

/** The `subjectOf` of an aggregate whose events carry no personal data: no subject's key is ever asked for. */
export function holdsNoPersonalData(streamId: string): never {
  throw new Error(`${streamId} holds no personal data`);
}

export interface Loaded<State> {
  readonly state: State;
  /** -1 when the stream does not exist yet. */
  readonly revision: number;
}

/**
 * Loads an aggregate from its stream (decrypting each event's personal part once), runs the decider,
 * and appends the new events with their personal part sealed under the subject's key, at the revision
 * it loaded: a concurrent change makes the append fail instead of being lost.
 */
export class AggregateRepository<Command, State, Event extends DomainEvent> {
  constructor(
    private readonly store: EventStore,
    private readonly cipher: PersonalDataCipher,
    private readonly decider: Decider<Command, State, Event>,
    /** Whose key seals an event's personal part. */
    private readonly subjectOf: (streamId: string, event: Event) => PersonalSubject,
  ) {}

  async load(streamId: string): Promise<Loaded<State>> {
    const recorded = await this.store.readStream(streamId);
    const parts = await this.cipher.decryptMany<object>(recorded.flatMap((event) => (event.personal ? [event.personal] : [])));
    let next = 0;
    let state = this.decider.initialState;
    for (const event of recorded) {
      const personal = event.personal ? personalOrShredded(parts[next++]) : null;
      state = this.decider.evolve(state, { type: event.type, data: event.data, personal } as unknown as Event);
    }
    return { state, revision: recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision };
  }

  /**
   * `expectedRevision` lets a client's If-Match stand in for the revision loaded here; a conflict with it
   * is the client's to resolve. Without it, a concurrent write makes the command be decided again on
   * the new state, so it is never applied to a state it did not see.
   */
  async handle(streamId: string, command: Command, context: CommandContext, expectedRevision?: number): Promise<Handled<State, Event>> {
    for (let attempt = 1; ; attempt++) {
      const pending = await this.decideAndSeal(streamId, command, context, expectedRevision);
      if (pending.events.length === 0) return pending.outcome;
      try {
        const result = await this.store.append(streamId, pending.events, { expectedRevision: pending.expectedRevision });
        return { ...pending.outcome, revision: result.nextExpectedRevision, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Everything `handle` does but the append, for a caller that must append in one transaction with
   * another write of its own (e.g. claiming a unique user name).
   */
  async decideAndSeal(streamId: string, command: Command, context: CommandContext, expectedRevision?: number): Promise<PendingAppend<State, Event>> {
    const loaded = await this.load(streamId);
    const events = this.decider.decide(command, loaded.state);
    const sealed = await Promise.all(
      events.map(async (event) => {
        const personal = event.personal && !isShredded(event.personal) ? await this.cipher.encrypt(this.subjectOf(streamId, event), event.personal) : null;
        return newEvent({ type: event.type, data: event.data as never, personal }, context);
      }),
    );
    const revision = expectedRevision ?? loaded.revision;
    return {
      streamId,
      events: sealed,
      expectedRevision: revision === -1 ? 'no_stream' : revision,
      outcome: { state: events.reduce(this.decider.evolve, loaded.state), events, revision: revision + events.length, position: null },
    };
  }
}
