import { DomainRuleViolation, type Decider } from '@privacy-ledger/ledger';
import type { PasswordResetEvent } from './password-reset.events';

/** A new message goes out at most this often per login, whoever asks. */
export const RESEND_AFTER_MS = 60_000;

export interface PasswordResetState {
  readonly pending: { readonly principalKind: 'customer' | 'staff'; readonly tokenHash: string; readonly expiresAt: string; readonly requestedAt: string } | null;
}

export type PasswordResetCommand =
  | { type: 'RequestPasswordReset'; principalId: string; principalKind: 'customer' | 'staff'; tokenHash: string; expiresAt: string; at: string }
  | { type: 'CompletePasswordReset'; principalId: string; tokenHash: string; at: string };

const INVALID = 'this password reset token is not valid: it may have been used already, or replaced by a newer one';

export const passwordResetDecider: Decider<PasswordResetCommand, PasswordResetState, PasswordResetEvent> = {
  initialState: { pending: null },

  decide(command, { pending }) {
    switch (command.type) {
      case 'RequestPasswordReset': {
        if (pending && Date.parse(command.at) - Date.parse(pending.requestedAt) < RESEND_AFTER_MS) return [];
        const { principalId, principalKind, tokenHash, expiresAt, at } = command;
        return [{ type: 'PasswordResetRequested', data: { principalId, principalKind, tokenHash, expiresAt, requestedAt: at }, personal: null }];
      }
      case 'CompletePasswordReset': {
        if (!pending || pending.tokenHash !== command.tokenHash) throw new DomainRuleViolation('invalid', INVALID);
        if (pending.expiresAt <= command.at) throw new DomainRuleViolation('invalid', 'this password reset token has expired: ask for a new one');
        return [{ type: 'PasswordResetCompleted', data: { principalId: command.principalId, completedAt: command.at }, personal: null }];
      }
    }
  },

  evolve(_state, event) {
    if (event.type === 'PasswordResetCompleted') return { pending: null };
    const { principalKind, tokenHash, expiresAt, requestedAt } = event.data;
    return { pending: { principalKind, tokenHash, expiresAt, requestedAt } };
  },
};
