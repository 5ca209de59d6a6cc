import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';

/** A fresh private Ed25519 JWK, as IDENTITY_SIGNING_KEY takes it, for services started in server mode. */
export async function generateSigningKey(): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return JSON.stringify(await exportJWK(privateKey));
}

/** Every secret server mode asks for, fresh: a KEK store directory, the blind-index key, identity's signing key, the vault's key. */
export async function serverSecrets(): Promise<Record<string, string>> {
  return {
    KEK_STORE_DIR: mkdtempSync(join(tmpdir(), 'kek-store-')),
    KEYRING_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    IDENTITY_SIGNING_KEY: await generateSigningKey(),
    RETENTION_SIGNING_KEY: await generateSigningKey(),
    PAYMENT_VAULT_FINGERPRINT_KEY: randomBytes(32).toString('base64'),
  };
}
