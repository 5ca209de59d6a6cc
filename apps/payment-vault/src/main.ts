import 'reflect-metadata';
import { runServices } from '@privacy-ledger/runtime';
import { createPaymentVaultApp } from './payment-vault.app';

/**
 * The payment vault as its own process (server mode: DATABASE_URL, KEK_STORE_DIR, KEYRING_BLIND_INDEX_KEY,
 * PAYMENT_VAULT_FINGERPRINT_KEY, IDENTITY_URL).
 */
runServices('payment-vault', [{ name: 'payment-vault', create: createPaymentVaultApp, port: (config) => config.ports.paymentVault }]);
