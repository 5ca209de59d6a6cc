import { KEK_EPOCH_RETIRED, kekEpochStream, type KekEpochRetiredData } from '@privacy-ledger/contracts';
import type { Keyring } from '@privacy-ledger/keyring';
import { newEvent, WrongExpectedRevisionError, type EventStore, type JsonObject } from '@privacy-ledger/ledger';

/**
 * Records each KEK epoch the service's keyring retired as an event, in order, once: how retention learns
 * that no copy of a destroyed key can be opened any more. Whichever process closed the epoch (the schedule,
 * the close-epoch command, another process), the next round records it; a crash in between loses nothing.
 */
export class KekEpochLog {
  constructor(
    private readonly service: string,
    private readonly keyring: Keyring,
    private readonly events: EventStore,
  ) {}

  /** Appends the retirements not recorded yet; another process recording them first is fine. */
  async record(): Promise<void> {
    const stream = kekEpochStream(this.service);
    const [last] = await this.events.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const recorded = last ? (last.data as unknown as KekEpochRetiredData).epoch : 0;
    const missing = (await this.keyring.retiredEpochs()).filter((retired) => retired.epoch > recorded);
    if (missing.length === 0) return;
    const drafts = missing.map(({ epoch, retiredAt }) => {
      const data: KekEpochRetiredData = { service: this.service, epoch, retiredAt: retiredAt.toISOString() };
      const metadata = {
        occurredAt: data.retiredAt,
        correlationId: `kek-epoch-${this.service}-${epoch}`,
        causationId: null,
        actor: this.service,
      };
      return newEvent({ type: KEK_EPOCH_RETIRED, data: data as unknown as JsonObject }, metadata);
    });
    try {
      await this.events.append(stream, drafts, { expectedRevision: last ? last.revision : 'no_stream' });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
