import { Inject, Injectable } from '@nestjs/common';
import { KEYRING, type Keyring } from '@privacy-ledger/keyring';
import { DomainRuleViolation, sealedPartOf, WritePath, type RecordedEvent } from '@privacy-ledger/ledger';
import type { Reactor } from '@privacy-ledger/projections';
import { accountAggregate } from '../accounts/account.decider';
import { sessionRevocationsAggregate } from '../sessions/session-revocations.decider';
import { staffAggregate } from '../staff/staff.decider';
import type { PasswordResetCompleted } from './password-reset.events';

/**
 * Carries out a completed password reset in the streams that own what it changes: the new password in
 * the account's or staff member's stream, the end of every session in the principal's revocations.
 * Both commands know the reset by id, so seeing the event again after a restart changes nothing.
 */
@Injectable()
export class PasswordResetReactor implements Reactor {
  static readonly NAME = 'identity-password-reset';
  readonly name = PasswordResetReactor.NAME;

  constructor(
    private readonly writes: WritePath,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const part = sealedPartOf(event);
    if (event.type !== 'PasswordResetCompleted' || !part) return;
    const { principalId, principalKind, resetId, completedAt } = event.data as PasswordResetCompleted['data'];
    const context = { correlationId: event.metadata.correlationId, causationId: event.eventId, actor: 'identity', occurredAt: completedAt };
    const sealed = await this.keyring.decrypt<{ passwordHash: string }>(part);
    if (sealed.status === 'ok') {
      const change = { type: 'ChangePassword' as const, passwordHash: sealed.value.passwordHash, resetId, at: completedAt };
      await ignoringErased(() =>
        principalKind === 'customer'
          ? this.writes.handle(accountAggregate, principalId, change, context)
          : this.writes.handle(staffAggregate, principalId, change, context),
      );
    }
    const revoke = { type: 'RevokeSessions' as const, principalId, before: completedAt, reason: 'password-reset' as const, cause: resetId };
    await this.writes.handle(sessionRevocationsAggregate, principalId, revoke, context);
  }
}

/** A login erased since the reset has no password left to change. */
async function ignoringErased(change: () => Promise<unknown>): Promise<void> {
  try {
    await change();
  } catch (error) {
    if (!(error instanceof DomainRuleViolation) || error.kind === 'invalid') throw error;
  }
}
