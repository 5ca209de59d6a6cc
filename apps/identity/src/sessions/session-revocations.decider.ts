import { holdsNoPersonalData, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import type { SessionsRevoked } from './session-revocations.events';

export interface SessionRevocationsState {
  readonly revokedBefore: string | null;
  /** What already ended sessions here (password resets by id): carrying one out again changes nothing. */
  readonly causes: readonly string[];
}

export type RevokeSessions = {
  readonly type: 'RevokeSessions';
  readonly principalId: string;
  readonly before: string;
  readonly reason: 'password-reset';
  readonly cause: string;
};

export const sessionRevocationsDecider: Decider<RevokeSessions, SessionRevocationsState, SessionsRevoked> = {
  initialState: { revokedBefore: null, causes: [] },
  decide(command, state) {
    if (state.causes.includes(command.cause)) return [];
    const { principalId, before, reason, cause } = command;
    return [{ type: 'SessionsRevoked', data: { principalId, revokedBefore: before, reason, cause }, personal: null }];
  },
  evolve(state, { data }) {
    const later = state.revokedBefore === null || data.revokedBefore > state.revokedBefore ? data.revokedBefore : state.revokedBefore;
    return { revokedBefore: later, causes: [...state.causes, data.cause] };
  },
};

export const sessionRevocationsAggregate: Aggregate<RevokeSessions, SessionRevocationsState, SessionsRevoked> = {
  name: 'session-revocations',
  eventTypes: ['SessionsRevoked'],
  decider: sessionRevocationsDecider,
  subjectOf: holdsNoPersonalData,
};
