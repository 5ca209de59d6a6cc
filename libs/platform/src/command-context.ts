import type { Request } from 'express';
import type { Clock } from '@privacy-ledger/clock';
import type { CommandContext } from '@privacy-ledger/ledger';
import { CORRELATION_HEADER } from './configure-http';

/** Who caused a command, within which request (ids only), and when, by the injected clock. */
export function commandContext(request: Request, actor: string, clock: Clock): CommandContext {
  return { correlationId: String(request.headers[CORRELATION_HEADER]), causationId: null, actor, occurredAt: clock.now().toISOString() };
}
