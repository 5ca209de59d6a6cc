import { Query } from '@nestjs/cqrs';
import type { PrincipalKind } from './session.events';

export interface SessionRecordView {
  readonly sessionId: string;
  readonly startedAt: string;
  readonly ipAddress?: string;
  readonly userAgent?: string | null;
  readonly erased?: true;
}

/** A principal's own session records (P16), decrypted on the way out. */
export class ListMySessionsQuery extends Query<SessionRecordView[]> {
  constructor(
    readonly principalId: string,
    readonly kind: PrincipalKind,
  ) {
    super();
  }
}
