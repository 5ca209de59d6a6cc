import { resolve } from 'node:path';

export interface RuntimeConfig {
  /** A PostgreSQL server; absent means embedded PGlite in `dataDir`. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  /** KEYRING_KEKS: JSON, epoch to base64 KEK. Absent in embedded mode: a development key file in `dataDir`. */
  readonly keks?: string;
  /** KEYRING_BLIND_INDEX_KEY: base64, at least 32 bytes. */
  readonly blindIndexKey?: string;
  readonly ports: { readonly identity: number; readonly contacts: number; readonly paymentVault: number; readonly retention: number };
  readonly identityUrl: string;
}

export function runtimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const port = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number`);
    return value;
  };
  const ports = {
    identity: port('IDENTITY_PORT', 3001),
    contacts: port('CONTACTS_PORT', 3002),
    paymentVault: port('PAYMENT_VAULT_PORT', 3003),
    retention: port('RETENTION_PORT', 3004),
  };
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    keks: env.KEYRING_KEKS || undefined,
    blindIndexKey: env.KEYRING_BLIND_INDEX_KEY || undefined,
    ports,
    identityUrl: env.IDENTITY_URL ?? `http://127.0.0.1:${ports.identity}`,
  };
}
