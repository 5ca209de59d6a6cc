import type { Decider, DomainEvent } from '@privacy-ledger/ledger';

/** `given(events).when(command).then(events)` or `.thenRefuses(kind, message)`: a decider's specification, read aloud. */
export function deciderSpec<Command, State, Event extends DomainEvent>(decider: Decider<Command, State, Event>) {
  return {
    given(history: Event[]) {
      const state = history.reduce(decider.evolve, decider.initialState);
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: Event[]) {
              expect(run()).toEqual(expected);
            },
            thenRefuses(kind: string, message?: string | RegExp) {
              let error: unknown;
              try {
                run();
              } catch (thrown) {
                error = thrown;
              }
              expect(error).toMatchObject({ name: 'DomainRuleViolation', kind });
              if (message) expect((error as Error).message).toMatch(message);
            },
          };
        },
      };
    },
  };
}
