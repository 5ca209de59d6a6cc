import type { Request } from 'express';
import type { CommandContext } from '@privacy-ledger/ledger';
import { CORRELATION_HEADER } from './configure-http';

/** Who caused a command and within which request: ids only. */
export function commandContext(request: Request, actor: string): CommandContext {
  return { correlationId: String(request.headers[CORRELATION_HEADER]), causationId: null, actor };
}
