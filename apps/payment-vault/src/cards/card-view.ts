import type { Keyring } from '@privacy-ledger/keyring';
import { brandOf, type CardBrand } from './card-number';
import { fingerprintSubject, type CardDetails } from './cards.events';

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

/**
 * The fingerprint is made here, on the way out, and never stored: kept, it would outlive the card's key. It is a
 * MAC under the account's own fingerprint key, so no one can make one, or test a guessed number against one a
 * client kept, once the account is erased.
 */
export async function cardView(
  { cardId, accountId, version }: { cardId: string; accountId: string; version: number },
  { number, expiryMonth, expiryYear }: CardDetails,
  keyring: Keyring,
): Promise<CardView> {
  const fingerprint = await keyring.mac(fingerprintSubject(accountId), number);
  return { id: cardId, ...maskedNumber(number), expiryMonth, expiryYear, fingerprint, version };
}

/** All anyone is ever shown of a card number (P8), in a view or an export: its brand and last four digits. */
export function maskedNumber(number: string): Pick<CardView, 'brand' | 'last4'> {
  return { brand: brandOf(number)!, last4: number.slice(-4) };
}
