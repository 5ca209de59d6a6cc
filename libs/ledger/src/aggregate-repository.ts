import { isShredded, personalOrShredded, type Decider, type DomainEvent } from './decider';
import type { EventMetadata, EventStore, ExpectedRevision } from './event-store.port';
import { newEvent } from './new-event';
import type { PersonalDataCipher, PersonalSubject } from './personal-data-cipher.port';

export type CommandContext = Omit<EventMetadata, 'occurredAt'>;

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

  /** `expectedRevision` lets a client's If-Match stand in for the revision loaded here. */
  async handle(streamId: string, command: Command, context: CommandContext, expectedRevision?: number): Promise<{ state: State; events: Event[]; revision: number }> {
    const loaded = await this.load(streamId);
    const events = this.decider.decide(command, loaded.state);
    if (events.length === 0) return { state: loaded.state, events, revision: loaded.revision };
    const sealed = await Promise.all(
      events.map(async (event) => {
        const personal = event.personal && !isShredded(event.personal) ? await this.cipher.encrypt(this.subjectOf(streamId, event), event.personal) : null;
        return newEvent({ type: event.type, data: event.data as never, personal }, context);
      }),
    );
    const revision = expectedRevision ?? loaded.revision;
    const expected: ExpectedRevision = revision === -1 ? 'no_stream' : revision;
    const result = await this.store.append(streamId, sealed, { expectedRevision: expected });
    return { state: events.reduce(this.decider.evolve, loaded.state), events, revision: result.nextExpectedRevision };
  }
}
