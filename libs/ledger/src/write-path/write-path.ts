import { randomUUID } from 'node:crypto';
import { DomainRuleViolation, isShredded, personalOrShredded, type DomainEvent } from '../decider';
import { WrongExpectedRevisionError } from '../errors';
import type { EventMetadata, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
import { newEvent } from '../new-event';
import { sealedPartOf } from '../sealed-part';
import type { PersonalDataCipher } from '../personal-data-cipher.port';
import { keptElsewhere, streamOf, type Aggregate, type ClosedAccounts } from './aggregate';

const MAX_ATTEMPTS = 5;

/** Who caused a command, within which request, and when: the metadata of every event it appends. */
export type CommandContext = EventMetadata;

export interface Loaded<State> {
  readonly state: State;
  /** -1 when the stream does not exist yet. */
  readonly revision: number;
}

export interface Handled<State, Event> {
  readonly state: State;
  readonly events: Event[];
  readonly revision: number;
}

export interface PendingAppend<State, Event> {
  readonly streamId: string;
  readonly events: NewEvent[];
  readonly expectedRevision: ExpectedRevision;
  /** What `handle` returns once the events are appended. */
  readonly outcome: Handled<State, Event>;
}

/**
 * The one write path of every service: load the aggregate from its stream (each personal part decrypted
 * once), decide, seal the new events' personal parts under their subject's key, and append at the
 * revision loaded, so a concurrent change is never lost.
 */
export class WritePath {
  constructor(
    private readonly events: EventStore,
    private readonly cipher: PersonalDataCipher,
    private readonly closedAccounts: ClosedAccounts = { isClosed: async () => false },
  ) {}

  /** The aggregate with this id, as its stream has it now. */
  async load<C, S, E extends DomainEvent>(aggregate: Aggregate<C, S, E>, id: string): Promise<Loaded<S>> {
    const recorded = await this.events.readStream(streamOf(aggregate, id));
    // A part handed over to another service is not this service's to open: its event evolves without it.
    const opens = (event: RecordedEvent) => event.personal !== null && keptElsewhere(aggregate, event, this.cipher.owner) === null;
    const parts = await this.cipher.decryptMany<object>(recorded.flatMap((event) => (opens(event) ? [sealedPartOf(event)!] : [])));
    let next = 0;
    let state = aggregate.decider.initialState;
    for (const event of recorded) {
      const personal = opens(event) ? personalOrShredded(parts[next++]) : null;
      state = aggregate.decider.evolve(state, { type: event.type, data: event.data, personal } as unknown as E);
    }
    return { state, revision: recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision };
  }

  /**
   * `expectedRevision` lets a client's If-Match stand in for the revision loaded here; a conflict with it
   * is the client's to resolve. Without it, a concurrent write makes the command be decided again on
   * the new state, so it is never applied to a state it did not see.
   */
  async handle<C, S, E extends DomainEvent>(
    aggregate: Aggregate<C, S, E>,
    id: string,
    command: C,
    context: CommandContext,
    expectedRevision?: number,
  ): Promise<Handled<S, E>> {
    for (let attempt = 1; ; attempt++) {
      const pending = await this.decideAndSeal(aggregate, id, command, context, expectedRevision);
      try {
        return await this.commit(pending);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** Appends what `decideAndSeal` prepared, at the revision it was decided on. */
  async commit<S, E>(pending: PendingAppend<S, E>): Promise<Handled<S, E>> {
    if (pending.events.length === 0) return pending.outcome;
    const result = await this.events.append(pending.streamId, pending.events, { expectedRevision: pending.expectedRevision });
    return { ...pending.outcome, revision: result.nextExpectedRevision };
  }

  /** Everything `handle` does but the append, for an adapter that appends in one transaction with a write of its own. */
  async decideAndSeal<C, S, E extends DomainEvent>(
    aggregate: Aggregate<C, S, E>,
    id: string,
    command: C,
    context: CommandContext,
    expectedRevision?: number,
  ): Promise<PendingAppend<S, E>> {
    const loaded = await this.load(aggregate, id);
    const events = aggregate.decider.decide(command, loaded.state);
    await this.refuseClosedAccounts(aggregate, events);
    const streamId = streamOf(aggregate, id);
    const sealed = await Promise.all(
      events.map(async (event) => {
        const eventId = randomUUID();
        const personal =
          event.personal && !isShredded(event.personal)
            ? await this.cipher.encrypt(aggregate.subjectOf(event), event.personal, { streamId, eventId })
            : null;
        return newEvent({ eventId, type: event.type, data: event.data as never, personal }, context);
      }),
    );
    const revision = expectedRevision ?? loaded.revision;
    return {
      streamId,
      events: sealed,
      expectedRevision: revision === -1 ? 'no_stream' : revision,
      outcome: { state: events.reduce(aggregate.decider.evolve, loaded.state), events, revision: revision + events.length },
    };
  }

  private async refuseClosedAccounts<E extends DomainEvent>(
    aggregate: Aggregate<unknown, unknown, E>,
    events: readonly E[],
  ): Promise<void> {
    if (aggregate.writesForClosedAccounts) return;
    for (const accountId of new Set(events.flatMap((event) => accountOf(aggregate, event))))
      if (await this.closedAccounts.isClosed(accountId))
        throw new DomainRuleViolation('conflict', 'the account is closed: nothing more is written for it');
  }
}

/** The account an event writes for, by its subject: none for an event that holds no personal data and names no subject. */
function accountOf<E extends DomainEvent>(aggregate: Aggregate<unknown, unknown, E>, event: E): string[] {
  try {
    return [aggregate.subjectOf(event).accountId];
  } catch {
    return [];
  }
}
