import { Secret, TOTP } from 'otpauth';

/** What authenticator apps expect (RFC 6238's defaults): HMAC-SHA-1, 6 digits, a new code every 30 seconds. */
const PARAMETERS = { issuer: 'Privacy Ledger', algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** RFC 4226 §4 asks for a shared secret of at least 128 bits and recommends 160. */
const SECRET_BYTES = 20;
/** One time step either side of ours: an authenticator's clock may drift (RFC 6238 §5.2). */
const DRIFT_STEPS = 1;

/** A new shared secret, base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The `otpauth://totp/...` URI an authenticator app reads from a QR code, labelled for the staff member. */
export function otpauthUri(label: string, secret: string): string {
  return new TOTP({ ...PARAMETERS, label, secret: Secret.fromBase32(secret) }).toString();
}

/** The RFC 6238 time step whose code this is, near the time `atMs` (ms), or null when it is not a code of the secret. */
export function verifiedTimeStep(secret: string, code: string, atMs: number): number | null {
  const totp = new TOTP({ ...PARAMETERS, secret: Secret.fromBase32(secret) });
  const delta = totp.validate({ token: code, timestamp: atMs, window: DRIFT_STEPS });
  return delta === null ? null : totp.counter({ timestamp: atMs }) + delta;
}
