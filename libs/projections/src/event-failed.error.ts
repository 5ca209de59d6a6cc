import type { Position, RecordedEvent } from '@privacy-ledger/ledger';

/** A projection or reactor failed on this event: it names the event and where it sits, never its content. */
export class EventFailedError extends Error {
  override readonly name = 'EventFailedError';
  readonly place: { readonly eventId: string; readonly streamId: string };
  readonly position: Position;
  readonly code: string;

  constructor(runner: string, event: RecordedEvent, cause: unknown) {
    super(`${runner} failed on event ${event.eventId} at position ${event.position}`);
    this.place = { eventId: event.eventId, streamId: event.streamId };
    this.position = event.position;
    this.code = (cause as Error | undefined)?.name ?? typeof cause;
  }
}
