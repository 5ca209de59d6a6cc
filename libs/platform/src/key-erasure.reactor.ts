import { Inject, Injectable, type Type } from '@nestjs/common';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import type { PersonalSubject, RecordedEvent } from '@privacy-ledger/ledger';
import type { Reactor } from '@privacy-ledger/projections';

/**
 * A reactor that destroys a subject's key whenever `eventType` says the subject is gone, so the key is
 * destroyed also when the process that recorded the event stopped before destroying it. Destroying a
 * destroyed key again changes nothing.
 */
export function keyErasureReactor<Data>(name: string, eventType: string, subjectOf: (data: Data) => PersonalSubject): Type<Reactor> {
  @Injectable()
  class KeyErasureReactor implements Reactor {
    readonly name = name;

    constructor(@Inject(KEYRING) private readonly keyring: Keyring) {}

    async handle(event: RecordedEvent): Promise<void> {
      if (event.type !== eventType) return;
      const subject = subjectOf(event.data as Data);
      await this.keyring.destroy(subject.subjectId, subject.accountId);
    }
  }
  return KeyErasureReactor;
}
