import { DomainRuleViolation } from '@privacy-ledger/ledger';
import type { Keyring } from './keyring.port';

/** The erasure fence: a destroyed subject, or any subject of an erased account, never gets a key again. */
export class SubjectErasedError extends Error {
  override readonly name = 'SubjectErasedError';
  constructor(readonly subjectId: string) {
    super(`subject ${subjectId} was erased: no personal data can be stored for it again`);
  }
}

/** A service asked to open, or to seal again, a subject whose key another service keeps: keys are kept apart (P2). */
export class KeyKeptElsewhereError extends Error {
  override readonly name = 'KeyKeptElsewhereError';
  constructor(
    readonly subjectId: string,
    readonly keptBy: string,
    readonly askedBy: string,
  ) {
    super(`the key of ${subjectId} is kept by ${keptBy}: ${askedBy} cannot use it`);
  }
}

/** A hand-over to a service that has never started here: it has no KEK epoch to wrap to yet. */
export class KeeperNotReadyError extends Error {
  override readonly name = 'KeeperNotReadyError';
  constructor(readonly keeper: string) {
    super(`${keeper} has not started yet: it keeps this data under its own key, and has none yet`);
  }
}

/** A read about an account answers 404 once the account is erased, saying so, rather than an empty answer. */
export async function refuseErasedAccount(keyring: Pick<Keyring, 'isErased'>, accountId: string): Promise<void> {
  if (await keyring.isErased(accountId)) throw new DomainRuleViolation('not_found', 'this account was erased');
}
