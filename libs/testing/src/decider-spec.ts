/** The shape of the ledger's Decider, restated so the testing library depends on no domain mechanism. */
interface Decider<Command, State, Event> {
  readonly initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** `given(events).when(command).then(events)` or `.thenRefuses(kind, message)`: a decider's specification, read aloud. */
export function deciderSpec<Command, State, Event>(decider: Decider<Command, State, Event>) {
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
