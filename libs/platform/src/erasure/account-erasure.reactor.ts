import {
  ACCOUNT_ERASURE_CONFIRMED,
  ERASURE_STARTED,
  erasureConfirmationStream,
  type AccountErasureConfirmedData,
  type ErasureParticipant,
  type ErasureStartedData,
} from '@privacy-ledger/contracts';
import type { Clock } from '@privacy-ledger/clock';
import type { Keyring } from '@privacy-ledger/keyring';
import { newEvent, WrongExpectedRevisionError, type EventStore, type JsonObject, type RecordedEvent } from '@privacy-ledger/ledger';
import type { Projection, ReadModels, Reactor } from '@privacy-ledger/projections';
import type { AccountTrace } from './account-trace';

/** How long the reactor waits for a read model to remove the account before it tries the event again. */
const READ_MODEL_WAIT_MS = 10_000;

export class ReadModelBehindError extends Error {
  override readonly name = 'ReadModelBehindError';
  constructor(readonly projection: string) {
    super(`the read model ${projection} has not removed the account yet`);
  }
}

export interface ErasureParticipation {
  readonly service: string;
  readonly events: EventStore;
  readonly readModels: ReadModels;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly projections: readonly Projection[];
  readonly traces: readonly AccountTrace[];
}

/**
 * A service's part in an account's erasure (P11, P12), fed by the ledger: when retention starts the erasure,
 * the service forgets the account's other traces, destroys every key of the account in its own keyring, waits
 * until its read models removed the account's documents, and confirms once, naming each destroyed key and the
 * position it acted on. After a crash it does the same again: every step is safe to repeat.
 */
export class AccountErasureReactor implements Reactor {
  readonly name: string;

  constructor(private readonly participation: ErasureParticipation) {
    this.name = `${participation.service}-account-erasure`;
  }

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== ERASURE_STARTED) return;
    const erasure = event.data as unknown as ErasureStartedData;
    const { service, events, keyring, traces } = this.participation;
    if (!(erasure.participants as readonly string[]).includes(service)) return;
    const stream = erasureConfirmationStream(service, erasure.accountId);
    if ((await events.readStream(stream, { maxCount: 1 })).length > 0) return;
    for (const trace of traces) await trace.forget(erasure.accountId);
    const destroyedKeys = await keyring.destroyAccount(erasure.accountId);
    // Never a confirmation over a live key: the runner stops on this event, and /health names it, instead.
    const left = await keyring.liveKeysOf(erasure.accountId);
    if (left.length > 0) throw new Error(`${left.length} keys of the account are still live after its keys were destroyed`);
    const removed = await this.readModelsForgot(event);
    const confirmation: AccountErasureConfirmedData = {
      accountId: erasure.accountId,
      erasureId: erasure.erasureId,
      service: service as ErasureParticipant,
      destroyedKeys: destroyedKeys.map(({ subjectId, destroyedAt, epoch }) => ({
        subjectId,
        destroyedAt: destroyedAt.toISOString(),
        epoch,
      })),
      removed: [...removed, ...traces.map((trace) => trace.name)],
      position: event.position,
      confirmedAt: this.participation.clock.now().toISOString(),
    };
    await this.confirm(stream, confirmation, event);
  }

  /** The collections whose documents of the account are gone: each projection applied the erasure's start. */
  private async readModelsForgot(event: RecordedEvent): Promise<string[]> {
    const forgetting = this.participation.projections.filter((projection) => projection.forgets?.(event));
    for (const projection of forgetting)
      if (!(await this.participation.readModels.applied(projection.name, event.position, READ_MODEL_WAIT_MS)))
        throw new ReadModelBehindError(projection.name);
    return forgetting.map((projection) => projection.collection);
  }

  private async confirm(stream: string, confirmation: AccountErasureConfirmedData, cause: RecordedEvent): Promise<void> {
    const metadata = {
      occurredAt: confirmation.confirmedAt,
      correlationId: cause.metadata.correlationId,
      causationId: cause.eventId,
      actor: this.participation.service,
    };
    const event = newEvent({ type: ACCOUNT_ERASURE_CONFIRMED, data: confirmation as unknown as JsonObject }, metadata);
    try {
      await this.participation.events.append(stream, [event], { expectedRevision: 'no_stream' });
    } catch (error) {
      // Another process of this service confirmed it first: once is what counts.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
