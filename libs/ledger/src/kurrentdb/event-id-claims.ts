import { randomUUID } from 'node:crypto';
import { jsonEvent, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventIdConflictError } from '../errors';

/** A system stream and type, so that readers of the ledger never see a claim (they skip `$` events). */
const CLAIM_TYPE = '$ledger-event-id';

export function claimStreamOf(eventId: string): string {
  return `$ledger-event-id-${eventId}`;
}

/**
 * KurrentDB does not keep event ids unique across streams (an id reused elsewhere is simply stored again),
 * while the ledger promises it does. Each event id is claimed for its stream in a stream of its own, created
 * only if it does not exist yet: the first stream to claim an id keeps it.
 */
export class EventIdClaims {
  constructor(private readonly client: KurrentDBClient) {}

  /**
   * Claims the ids for the stream; true when some were claimed for it before (a retried append, or one that
   * failed after claiming), so the caller must look for them in the stream. Ids of another stream: a conflict.
   */
  async claim(streamId: string, eventIds: readonly string[]): Promise<boolean> {
    const owners = await Promise.all(eventIds.map((eventId) => this.claimOne(streamId, eventId)));
    if (owners.some((owner) => owner !== streamId && owner !== null)) throw new EventIdConflictError(streamId);
    return owners.some((owner) => owner === streamId);
  }

  /** The streams the ids were claimed for, or null for an id never claimed. */
  owners(eventIds: readonly string[]): Promise<(string | null)[]> {
    return Promise.all(eventIds.map((eventId) => this.ownerOf(eventId)));
  }

  /** null when claimed now; the owner's stream when it was claimed before. */
  private async claimOne(streamId: string, eventId: string): Promise<string | null> {
    try {
      await this.client.appendToStream(claimStreamOf(eventId), jsonEvent({ id: randomUUID(), type: CLAIM_TYPE, data: { streamId } }), {
        streamState: NO_STREAM,
      });
      return null;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return (await this.ownerOf(eventId)) ?? streamId;
    }
  }

  private async ownerOf(eventId: string): Promise<string | null> {
    try {
      for await (const { event } of this.client.readStream(claimStreamOf(eventId), { maxCount: 1 })) {
        const data = event?.data as { streamId?: unknown } | undefined;
        if (typeof data?.streamId === 'string') return data.streamId;
      }
      return null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }
}
