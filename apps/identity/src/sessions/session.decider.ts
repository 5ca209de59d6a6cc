import { DomainRuleViolation, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import { keyringAccountOf, sessionSubject, type PrincipalKind, type SessionEvent } from './session.events';

export type SessionState =
  | { readonly status: 'none' }
  | { readonly status: 'started'; readonly principalId: string; readonly principalKind: PrincipalKind; readonly startedAt: string };

export type SessionCommand =
  | {
      readonly type: 'StartSession';
      readonly sessionId: string;
      readonly principalId: string;
      readonly principalKind: PrincipalKind;
      readonly client: { readonly ipAddress: string; readonly userAgent: string | null };
      readonly at: string;
    }
  | { readonly type: 'StepUpSession'; readonly sessionId: string; readonly principalId: string; readonly at: string }
  | { readonly type: 'VerifySessionMfa'; readonly sessionId: string; readonly principalId: string; readonly at: string };

export const sessionDecider: Decider<SessionCommand, SessionState, SessionEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    if (command.type === 'StartSession') {
      if (state.status !== 'none') throw new DomainRuleViolation('conflict', 'this session exists already');
      const { sessionId, principalId, principalKind, client, at } = command;
      return [{ type: 'SessionStarted', data: { sessionId, principalId, principalKind, startedAt: at }, personal: { ...client } }];
    }
    if (state.status !== 'started' || state.principalId !== command.principalId)
      throw new DomainRuleViolation('not_found', 'no such session');
    const { sessionId, principalId, at } = command;
    if (command.type === 'StepUpSession')
      return [{ type: 'SessionSteppedUp', data: { sessionId, principalId, steppedUpAt: at }, personal: null }];
    if (state.principalKind !== 'staff') throw new DomainRuleViolation('forbidden', 'only staff have a second factor');
    return [{ type: 'SessionMfaVerified', data: { sessionId, principalId, verifiedAt: at }, personal: null }];
  },
  evolve(state, event) {
    if (event.type !== 'SessionStarted') return state;
    return {
      status: 'started',
      principalId: event.data.principalId,
      principalKind: event.data.principalKind,
      startedAt: event.data.startedAt,
    };
  },
};

export const sessionAggregate: Aggregate<SessionCommand, SessionState, SessionEvent> = {
  name: 'session',
  eventTypes: ['SessionStarted', 'SessionSteppedUp', 'SessionMfaVerified'],
  decider: sessionDecider,
  writesForClosedAccounts: true,
  subjectOf: (event) => {
    if (event.type !== 'SessionStarted') throw new Error(`${event.type} holds no personal data`);
    return sessionSubject(event.data.sessionId, keyringAccountOf(event.data.principalId, event.data.principalKind));
  },
};
