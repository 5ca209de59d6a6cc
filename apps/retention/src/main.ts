import 'reflect-metadata';
import { runServices } from '@privacy-ledger/runtime';
import { createRetentionApp } from './retention.app';

/**
 * Retention as its own process (server mode: DATABASE_URL, KEK_STORE_DIR, KEYRING_BLIND_INDEX_KEY, IDENTITY_URL; CONTACTS_URL and
 * PAYMENT_VAULT_URL for the subject access export).
 */
runServices('retention', [{ name: 'retention', create: createRetentionApp, port: (config) => config.ports.retention }]);
