import { keyWithin } from '@privacy-ledger/auth';
import { HOUR_MS } from '@privacy-ledger/clock';
import type { ThrottleKey } from './throttled-attempts';
import type { UsernameRegistry } from './username-registry';

const HOUR = HOUR_MS / 1000;
const STEP_UP = 'step-up:';
const SECOND_FACTOR = 'mfa:';
/** The prefix of a held user name's key: its holder. */
export const HELD_NAME = 'login-name:';
/** Keys made of ids, not of epoch tokens: their counts outlive a KEK epoch's close. */
export const THROTTLE_KEYS_BY_ID = [HELD_NAME, STEP_UP, SECOND_FACTOR];

/**
 * The limits of a login, each under a key that reveals neither the name nor the address (a held name's holder, or a
 * token under the open KEK epoch's key, which closing the epoch changes: the counts under a token start again then,
 * those under a holder carry on):
 * - the user name from this address: 5 tries, then locks doubling up to 15 minutes; a day's window;
 * - this address across user names (spraying one password over many names): 30 failures an hour;
 * - the user name across addresses (guessing from many addresses): 50 failures an hour. One address can
 *   deliver at most 20 tries to a name in any hour through its own limit, so a flood from one address never
 *   locks the owner out of a login from another.
 */
export async function loginThrottleKeys(usernames: UsernameRegistry, username: string, address: string): Promise<ThrottleKey[]> {
  const [name, from] = [await usernames.throttleKeyOfName(username), await usernames.throttleKeyOfAddress(address)];
  return [
    // Within the name's key, so that erasing the account forgets the name's counts from every address at once.
    { key: keyWithin(name, from), limit: { freeTries: 5, windowSeconds: 24 * HOUR }, onSuccess: 'clear' },
    { key: from, limit: { freeTries: 30, windowSeconds: HOUR }, onSuccess: 'release' },
    { key: name, limit: { freeTries: 50, windowSeconds: HOUR }, onSuccess: 'clear' },
  ];
}

/** Step-up: the session's principal already logged in, so the password is guessed by whoever holds its token. */
export function stepUpThrottleKeys(principalId: string): ThrottleKey[] {
  return [{ key: `${STEP_UP}${principalId}`, limit: { freeTries: 5, windowSeconds: 24 * HOUR }, onSuccess: 'clear' }];
}

/** Codes of the second factor (a million of them): guessed by whoever holds a staff member's token, so 5 tries like step-up. */
export function mfaThrottleKeys(principalId: string): ThrottleKey[] {
  return [{ key: `${SECOND_FACTOR}${principalId}`, limit: { freeTries: 5, windowSeconds: 24 * HOUR }, onSuccess: 'clear' }];
}

/** The keys the throttle counts a principal's tries under by id (step-up, second factor). */
export function throttleKeysById(principalId: string): string[] {
  return [...stepUpThrottleKeys(principalId), ...mfaThrottleKeys(principalId)].map((throttled) => throttled.key);
}
