import { exportJWK, generateKeyPair } from 'jose';

/** A fresh private Ed25519 JWK, as IDENTITY_SIGNING_KEY takes it, for services started in server mode. */
export async function generateSigningKey(): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return JSON.stringify(await exportJWK(privateKey));
}
