import { brandOf, type CardBrand } from './card-number';
import type { CardDetails } from './cards.events';

/** The only view of a card anyone gets (P7): brand, last four digits, expiry and fingerprint; never the number. */
export interface CardView {
  readonly id: string;
  readonly brand: CardBrand;
  readonly last4: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly fingerprint: string;
}

export function cardView(cardId: string, fingerprint: string, { number, expiryMonth, expiryYear }: CardDetails): CardView {
  return { id: cardId, brand: brandOf(number)!, last4: number.slice(-4), expiryMonth, expiryYear, fingerprint };
}
