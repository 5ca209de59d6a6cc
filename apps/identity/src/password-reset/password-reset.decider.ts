import { customerSubject } from '@privacy-ledger/contracts';
import { DomainRuleViolation, type Aggregate, type Decider } from '@privacy-ledger/ledger';
import type { PrincipalKind } from '../sessions/session.events';
import { staffSubject } from '../staff/staff.events';
import type { PasswordResetEvent } from './password-reset.events';

/** A new message goes out at most this often per login, whoever asks. */
export const RESEND_AFTER_MS = 60_000;

export interface PasswordResetState {
  readonly pending: {
    readonly principalKind: PrincipalKind;
    readonly resetId: string;
    readonly tokenHash: string;
    readonly expiresAt: string;
    readonly requestedAt: string;
  } | null;
}

export type PasswordResetCommand =
  | {
      type: 'RequestPasswordReset';
      principalId: string;
      principalKind: PrincipalKind;
      resetId: string;
      tokenHash: string;
      expiresAt: string;
      at: string;
    }
  | { type: 'CompletePasswordReset'; principalId: string; tokenHash: string; passwordHash: string; at: string };

const INVALID = 'this password reset token is not valid: it may have been used already, or replaced by a newer one';

export const passwordResetDecider: Decider<PasswordResetCommand, PasswordResetState, PasswordResetEvent> = {
  initialState: { pending: null },

  decide(command, { pending }) {
    switch (command.type) {
      case 'RequestPasswordReset': {
        if (pending && Date.parse(command.at) - Date.parse(pending.requestedAt) < RESEND_AFTER_MS) return [];
        const { principalId, principalKind, resetId, tokenHash, expiresAt, at } = command;
        return [
          {
            type: 'PasswordResetRequested',
            data: { principalId, principalKind, resetId, tokenHash, expiresAt, requestedAt: at },
            personal: null,
          },
        ];
      }
      case 'CompletePasswordReset': {
        if (!pending || pending.tokenHash !== command.tokenHash) throw new DomainRuleViolation('invalid', INVALID);
        if (pending.expiresAt <= command.at)
          throw new DomainRuleViolation('invalid', 'this password reset token has expired: ask for a new one');
        const data = {
          principalId: command.principalId,
          principalKind: pending.principalKind,
          resetId: pending.resetId,
          completedAt: command.at,
        };
        return [{ type: 'PasswordResetCompleted', data, personal: { passwordHash: command.passwordHash } }];
      }
    }
  },

  evolve(_state, event) {
    if (event.type === 'PasswordResetCompleted') return { pending: null };
    const { principalKind, resetId, tokenHash, expiresAt, requestedAt } = event.data;
    return { pending: { principalKind, resetId, tokenHash, expiresAt, requestedAt } };
  },
};

export const passwordResetAggregate: Aggregate<PasswordResetCommand, PasswordResetState, PasswordResetEvent> = {
  name: 'password-reset',
  eventTypes: ['PasswordResetRequested', 'PasswordResetCompleted'],
  decider: passwordResetDecider,
  subjectOf: (event) => {
    if (event.type !== 'PasswordResetCompleted') throw new Error(`${event.type} holds no personal data`);
    return event.data.principalKind === 'customer' ? customerSubject(event.data.principalId) : staffSubject(event.data.principalId);
  },
};
