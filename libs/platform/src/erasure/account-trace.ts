/**
 * Something a service keeps for an account outside its events and read models (login-throttle entries under
 * a user name, say). An erasure calls `forget` before it destroys the account's keys, so the trace can still
 * be found through them; a second call after a crash must do no harm.
 */
export interface AccountTrace {
  /** Names what goes, for the erasure's confirmation. */
  readonly name: string;
  forget(accountId: string): Promise<void>;
}
