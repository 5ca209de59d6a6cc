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
  /** Where links in messages point (IDENTITY_PUBLIC_URL, CONTACTS_PUBLIC_URL): how a customer's browser reaches each service. */
  readonly publicUrls: { readonly identity: string; readonly contacts: string };
  readonly mail: {
    /** SMTP_URL, e.g. smtps://user:password@mail.example.com:465. Absent: messages go to `outboxDir` as .eml files. */
    readonly smtpUrl?: string;
    /** MAIL_FROM */
    readonly from: string;
    /** OUTBOX_DIR, ./outbox by default: outside the data directory, as mail sent to the outside world is. */
    readonly outboxDir: string;
  };
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
    publicUrls: {
      identity: env.IDENTITY_PUBLIC_URL ?? `http://127.0.0.1:${ports.identity}`,
      contacts: env.CONTACTS_PUBLIC_URL ?? `http://127.0.0.1:${ports.contacts}`,
    },
    mail: {
      smtpUrl: env.SMTP_URL || undefined,
      from: env.MAIL_FROM ?? 'Privacy Ledger <no-reply@privacy-ledger.localhost>',
      outboxDir: resolve(env.OUTBOX_DIR ?? 'outbox'),
    },
  };
}
