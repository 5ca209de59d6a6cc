import { Inject, Injectable } from '@nestjs/common';
import { SESSION_REVOCATIONS, type SessionRevocations } from '@privacy-ledger/auth';
import type { RecordedEvent } from '@privacy-ledger/ledger';
import type { Reactor } from '@privacy-ledger/projections';
import type { SessionsRevoked } from './session-revocations.events';

/** Keeps the revocation list every service's guard checks in step with the ledger's SessionsRevoked events. */
@Injectable()
export class SessionRevocationListReactor implements Reactor {
  static readonly NAME = 'identity-session-revocation-list';
  readonly name = SessionRevocationListReactor.NAME;

  constructor(@Inject(SESSION_REVOCATIONS) private readonly revocations: SessionRevocations) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'SessionsRevoked') return;
    const { principalId, revokedBefore } = event.data as SessionsRevoked['data'];
    await this.revocations.revokeAll(principalId, new Date(revokedBefore));
  }
}
