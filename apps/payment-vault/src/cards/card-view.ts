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
  /** Name it in If-Match to change the card. */
  readonly version: number;
}

export function cardView(
  { cardId, fingerprint, version }: { cardId: string; fingerprint: string; version: number },
  { number, expiryMonth, expiryYear }: CardDetails,
): CardView {
  return { id: cardId, ...maskedNumber(number), expiryMonth, expiryYear, fingerprint, version };
}

/** All anyone is ever shown of a card number (P8), in a view or an export: its brand and last four digits. */
export function maskedNumber(number: string): Pick<CardView, 'brand' | 'last4'> {
  return { brand: brandOf(number)!, last4: number.slice(-4) };
}
