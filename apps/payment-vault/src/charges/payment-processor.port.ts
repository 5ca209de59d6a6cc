import type { Amount, ChargeOutcome } from '../card-requests/card-requests.events';
import type { CardDetails } from '../cards/cards.events';

export const PAYMENT_PROCESSOR = Symbol('PaymentProcessor');

/** The one place a full card number goes outside the vault's sealed parts. */
export interface ChargeOrder {
  /** The processor's idempotency key: an order sent again with it is charged once and answered as the first time. */
  readonly chargeId: string;
  readonly card: CardDetails;
  readonly amount: Amount;
}

export interface ProcessorAnswer {
  readonly outcome: ChargeOutcome;
  /** The processor's id of an approved charge. */
  readonly reference: string | null;
  /** Why a charge was declined or failed, in the processor's words (a code such as `insufficient_funds`). */
  readonly reason: string | null;
}

/**
 * A payment processor. It answers every order it received (approved, declined or failed); when it cannot be
 * reached it throws, and the charge stays open until an order with the same id is answered.
 */
export interface PaymentProcessor {
  charge(order: ChargeOrder): Promise<ProcessorAnswer>;
}
