import { createHash } from 'node:crypto';

/**
 * A charge's id, derived from what names it: the account, the request and the client's Idempotency-Key. A
 * retry, from any process, names the same charge, so the ledger lets it be started once.
 */
export function chargeIdOf(accountId: string, requestId: string, idempotencyKey: string): string {
  const hex = createHash('sha256').update(`${accountId}\n${requestId}\n${idempotencyKey}`).digest('hex');
  // Shaped as a UUID of version 8 (custom) and the RFC 9562 variant, so it reads and validates like every other id.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
