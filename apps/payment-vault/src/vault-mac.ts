import { createHmac } from 'node:crypto';

/**
 * Keyed MACs (HMAC-SHA-256) under a key only the vault holds (PAYMENT_VAULT_FINGERPRINT_KEY), each use under
 * a label of its own: without the key, these reveal nothing of what went in. Card fingerprints are not made here:
 * a key that outlives an erasure would let a kept fingerprint give the number back (see the keyring's `mac`).
 */
export class VaultMac {
  constructor(private readonly key: Buffer) {}

  /**
   * A charge's id, from the account and the client's Idempotency-Key: a retry, from any process, names the
   * same charge, so the ledger lets it start once. Keyed, so that a key holding data gives nothing away.
   */
  chargeId(accountId: string, idempotencyKey: string): string {
    const hex = this.mac('charge-id', accountId, idempotencyKey).toString('hex');
    // Shaped as a UUID of version 8 (custom) and the RFC 9562 variant, so it reads and validates like every other id.
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  private mac(label: string, ...parts: string[]): Buffer {
    return createHmac('sha256', this.key)
      .update([label, ...parts].join('\n'))
      .digest();
  }
}
