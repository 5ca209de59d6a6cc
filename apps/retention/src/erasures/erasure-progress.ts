import { Inject, Injectable } from '@nestjs/common';
import {
  erasureConfirmationStream,
  kekEpochStream,
  type AccountErasureConfirmedData,
  type ErasureStartedData,
  type KekEpochRetiredData,
} from '@privacy-ledger/contracts';
import { EVENT_STORE, type EventStore } from '@privacy-ledger/ledger';
import type { ParticipantConfirmation } from './erasure-certificate';

/** Where one participant of an erasure stands: done, with what the certificate states of it, or what it still owes. */
export type ParticipantProgress =
  | { readonly service: string; readonly done: ParticipantConfirmation }
  | { readonly service: string; readonly waitingFor: 'confirmation' | { readonly retiredKekEpoch: number } };

/** An erasure's progress as the ledger tells it: each participant's confirmation, and its retired KEK epochs. */
@Injectable()
export class ErasureProgress {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  of(started: ErasureStartedData): Promise<ParticipantProgress[]> {
    return Promise.all(started.participants.map((service) => this.participant(service, started.accountId)));
  }

  private async participant(service: string, accountId: string): Promise<ParticipantProgress> {
    const [confirmation] = await this.events.readStream(erasureConfirmationStream(service, accountId), { maxCount: 1 });
    if (!confirmation) return { service, waitingFor: 'confirmation' };
    const confirmed = confirmation.data as unknown as AccountErasureConfirmedData;
    const needed = Math.max(0, ...confirmed.destroyedKeys.map((key) => key.epoch ?? 0));
    const retiredEpoch = needed === 0 ? null : await this.retirement(service, needed);
    if (needed > 0 && !retiredEpoch) return { service, waitingFor: { retiredKekEpoch: needed } };
    const done: ParticipantConfirmation = {
      service: confirmed.service,
      confirmedAt: confirmed.confirmedAt,
      actedOnPosition: confirmed.position,
      confirmationPosition: confirmation.position,
      destroyedKeys: confirmed.destroyedKeys.map(({ subjectId, destroyedAt }) => ({ subjectId, destroyedAt })),
      removed: confirmed.removed,
      retiredEpoch,
    };
    return { service, done };
  }

  /** The participant's first retired epoch at or after `epoch`: closing an epoch retires every one before it too. */
  private async retirement(service: string, epoch: number): Promise<KekEpochRetiredData | null> {
    const retired = await this.events.readStream(kekEpochStream(service), { direction: 'backwards', maxCount: 1 });
    const latest = retired[0]?.data as unknown as KekEpochRetiredData | undefined;
    if (!latest || latest.epoch < epoch) return null;
    const all = await this.events.readStream(kekEpochStream(service));
    return all.map((event) => event.data as unknown as KekEpochRetiredData).find((data) => data.epoch >= epoch) ?? null;
  }
}
