import { Inject, Injectable } from '@nestjs/common';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import type { RecordedEvent } from '@privacy-ledger/ledger';
import type { Reactor } from '@privacy-ledger/projections';
import { cardSubject, type CardDeleted } from './cards.events';

/** Makes sure every deleted card's key is destroyed, also when the process that deleted it stopped in between. */
@Injectable()
export class CardErasureReactor implements Reactor {
  readonly name = 'payment-vault-card-erasure';

  constructor(@Inject(KEYRING) private readonly keyring: Keyring) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'CardDeleted') return;
    const { cardId, accountId } = event.data as CardDeleted['data'];
    const subject = cardSubject(cardId, accountId);
    await this.keyring.destroy(subject.subjectId, subject.accountId);
  }
}
