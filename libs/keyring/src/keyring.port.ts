import type { PersonalDataCipher, PendingAppend, PersonalSubject } from '@privacy-ledger/ledger';
import type { UnboundBinding, ValueOf } from './blind-index';

/** Crypto-shredding as the services see it: seal and open a subject's personal data, destroy its key. */
export interface Keyring extends PersonalDataCipher {
  /**
   * A keyed MAC (HMAC-SHA-256) of the value under a key of the subject's own: equal values are recognised and
   * nothing is revealed, and once the subject's key is destroyed no one can make or check one again.
   */
  mac(subject: PersonalSubject, value: string): Promise<string>;
  /** Destroys the subject's key: every copy of its data becomes unreadable. Destroying it again changes nothing. */
  destroy(subjectId: string, accountId: string): Promise<void>;
  /**
   * Destroys every key of the account and fences it, so no subject of it can get a key again. Returns every key
   * of the account this keyring ever destroyed (those destroyed before included), by subject id.
   */
  destroyAccount(accountId: string): Promise<DestroyedKey[]>;
  /** Whether the account was erased: its keys destroyed and fenced (by any service). What is left of it answers "erased". */
  isErased(accountId: string): Promise<boolean>;
  /** The epoch destroyed keys fall into now, and how many erasures wait for it to close. */
  openEpoch(): Promise<OpenEpoch>;
  /**
   * Re-wraps every live key to a new KEK epoch and destroys the KEKs of the older ones: from then on no
   * copy of a key destroyed before (a backup, a dead row, the WAL) can be unwrapped. An erasure is complete
   * when its epoch is closed.
   */
  closeEpoch(): Promise<EpochClosure>;
  /** Which of these subjects still have a key here: what an auditor re-checks of an erasure's certificate. */
  liveKeys(subjectIds: readonly string[]): Promise<string[]>;
  /** Every key of the account still held here, named in a certificate or not. */
  liveKeysOf(accountId: string): Promise<string[]>;
  /**
   * Every subject of the account that had a key here, live or destroyed: where its history is found once the read
   * models that named it forgot the account. Ids only; ascending.
   */
  subjectsOf(accountId: string): Promise<string[]>;
  /** The epochs closed so far, their KEKs destroyed: what an erasure waits for. Ascending. */
  retiredEpochs(): Promise<RetiredEpoch[]>;
}

/** A destroyed data key: copies of it (a backup, a dead row) stay wrapped to `epoch` until that epoch is retired. */
export interface DestroyedKey {
  readonly subjectId: string;
  readonly destroyedAt: Date;
  readonly epoch: number | null;
}

export interface RetiredEpoch {
  readonly epoch: number;
  readonly retiredAt: Date;
}

/** The current epoch of a keyring: when it opened and how many erasures wait for it to close. */
export interface OpenEpoch {
  readonly epoch: number;
  readonly openedAt: Date;
  readonly erasures: number;
}

/** What closing an epoch did: the epochs whose KEK is now destroyed, and the epoch keys are wrapped to now. */
export interface EpochClosure {
  readonly closed: number[];
  readonly current: number;
  /** Erasures that became complete: their keys can no longer be recovered from any copy. */
  readonly erasuresCompleted: number;
}

export const KEYRING = Symbol('Keyring');

/** What a login claims: values unique in their scope (a user name), and values it may share (an e-mail address). */
export interface Claims {
  readonly unique: Readonly<Record<string, string>>;
  readonly shared: Readonly<Record<string, string>>;
}

/**
 * Look-ups by user name or e-mail address through a keyed blind index: only tokens are stored, under a key that
 * closing the KEK epoch replaces (so that no copy of a token outlives the epoch of its subject's erasure in a form
 * anyone can test), and a subject's entries go when its key is destroyed.
 */
export interface UniqueClaims {
  /** Who holds this value in a unique scope, or null. */
  holder(scope: string, value: string): Promise<PersonalSubject | null>;
  /** Every subject whose current value in a shared scope is this one. */
  sharers(scope: string, value: string): Promise<PersonalSubject[]>;
  /**
   * Claims the values for the subject (a shared value replaces the subject's previous one in its scope)
   * and appends its events, all or nothing: false, and nothing stored, when another subject holds one of
   * the unique values. A refused opening (an append to a stream that did not exist) also removes the keys
   * its sealing made for the new account, so that racing signups leave no key behind.
   */
  claimAndAppend(claims: Claims, subject: PersonalSubject, append: PendingAppend<unknown, unknown>): Promise<boolean>;
  /**
   * The keyed token of a value under the open epoch's key: a key for per-value state (a login throttle) that reveals
   * nothing of it, and that closing the epoch changes.
   */
  token(scope: string, value: string): Promise<string>;
  /**
   * Moves the entries written before tokens were bound to KEK epochs under the open epoch's key (at most `limit` of each
   * kind), each given its value from the owner's records (null: the subject's value is gone, and so is its entry); an
   * entry its value does not make under the configured key is left, and counted. Safe in several processes at once.
   */
  bindUnbound(valueOf: ValueOf, limit?: number): Promise<UnboundBinding>;
}

export const UNIQUE_CLAIMS = Symbol('UniqueClaims');
