import { describeFault } from './http-error.filter';

/**
 * A refusal to start, written for the log: it names the variable and what is wrong with it, never its value,
 * since a malformed secret would otherwise land in the log.
 */
export class StartupError extends Error {
  override readonly name: string = 'StartupError';
}

/** What a failed start may log: a StartupError's reason, else what describeFault shows; never a message, which can quote values. */
export function describeStartupFailure(error: unknown): ReturnType<typeof describeFault> & { reason?: string } {
  const fault = describeFault(error);
  return error instanceof StartupError || isKeyMismatch(error) ? { error: fault.error, reason: (error as Error).message } : fault;
}

/** The keyring's refusal of a KEK store that does not fit the database: it names service, epoch and store, never a key. */
const isKeyMismatch = (error: unknown) => error instanceof Error && error.name === 'KekMismatchError';
