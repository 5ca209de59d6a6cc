import type { Decrypted } from './personal-data-cipher.port';

/** A domain event as the domain sees it: clear data, and its personal part decrypted (or shredded). */
export interface DomainEvent<Type extends string = string, Data extends object = object, Personal extends object | null = object | null> {
  readonly type: Type;
  readonly data: Data;
  readonly personal: Personal;
}

/** Pure domain logic of one aggregate: no I/O, no clock (time arrives inside the command). */
export interface Decider<Command, State, Event extends DomainEvent> {
  readonly initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export type Shredded = { readonly shredded: true };
export const SHREDDED: Shredded = Object.freeze({ shredded: true });

export function isShredded(value: unknown): value is Shredded {
  return typeof value === 'object' && value !== null && (value as Shredded).shredded === true;
}

export function personalOrShredded<T>(decrypted: Decrypted<T>): T | Shredded {
  return decrypted.status === 'ok' ? decrypted.value : SHREDDED;
}

/**
 * A command the domain refuses; `kind` tells the HTTP edge which status fits (400, 409, 404, 403, and for
 * credentials 401 and 429).
 */
export class DomainRuleViolation extends Error {
  override readonly name = 'DomainRuleViolation';
  constructor(
    readonly kind: 'invalid' | 'conflict' | 'not_found' | 'forbidden' | 'unauthenticated' | 'too_many_attempts',
    message: string,
  ) {
    super(message);
  }
}

/** The `default` of a switch over a decider's commands: a type error when a command is left out, a refusal at run time. */
export function unknownCommand(command: never): never {
  throw new DomainRuleViolation('invalid', `unknown command ${(command as { type?: string }).type}`);
}

/** The `default` of a switch over events: a type error when one is left out; an event of another kind leaves the state as it is. */
export function unknownEvent<State>(_event: never, state: State): State {
  return state;
}
