import { ERASURE_STARTED, type ErasureStartedData } from '@privacy-ledger/contracts';
import type { JsonObject, RecordedEvent } from '@privacy-ledger/ledger';

/**
 * A projection's `forgets` for read models keyed to an account: when the account's erasure starts, every
 * document whose `field` names the account goes, and a rebuild from zero removes them again at the same place.
 */
export function erasedWithAccount(field: string): (event: RecordedEvent) => JsonObject | null {
  return (event) => (event.type === ERASURE_STARTED ? { [field]: (event.data as unknown as ErasureStartedData).accountId } : null);
}
