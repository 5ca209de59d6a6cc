import type { Amount, ChargeOutcome } from '../card-requests/card-requests.events';
import type { ChargeState } from '../card-requests/card-requests.decider';

/** A charge as its answer shows it: ids, amount and the processor's outcome; nothing of the card but its id. */
export interface ChargeView {
  readonly id: string;
  readonly accountId: string;
  readonly requestId: string;
  readonly cardId: string;
  readonly amount: Amount;
  readonly staffId: string;
  readonly outcome: ChargeOutcome;
  readonly reference: string | null;
  readonly reason: string | null;
  readonly startedAt: string;
  readonly settledAt: string;
}

export function chargeView(
  accountId: string,
  { chargeId, requestId, cardId, amount, staffId, startedAt, settled }: ChargeState,
): ChargeView {
  const { outcome, reference, reason, settledAt } = settled!;
  return { id: chargeId, accountId, requestId, cardId, amount, staffId, outcome, reference, reason, startedAt, settledAt };
}

/** Approved 201; declined 402, as payment APIs answer a refused card; failed 502, the processor's own failure. */
export const CHARGE_STATUS: Readonly<Record<ChargeOutcome, number>> = { approved: 201, declined: 402, failed: 502 };
