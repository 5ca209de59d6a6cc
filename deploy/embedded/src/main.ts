import 'reflect-metadata';
import { createContactsApp } from '@privacy-ledger/contacts';
import { createIdentityApp } from '@privacy-ledger/identity';
import { createPaymentVaultApp } from '@privacy-ledger/payment-vault';
import { createRetentionApp } from '@privacy-ledger/retention';
import { runServices } from '@privacy-ledger/runtime';

/**
 * `npm start`: every service in this one process, each on its own port, sharing one embedded PGlite
 * database in ./data (locked against a second process).
 */
runServices('embedded', [
  { name: 'identity', create: createIdentityApp, port: (config) => config.ports.identity },
  { name: 'contacts', create: createContactsApp, port: (config) => config.ports.contacts },
  { name: 'payment-vault', create: createPaymentVaultApp, port: (config) => config.ports.paymentVault },
  { name: 'retention', create: createRetentionApp, port: (config) => config.ports.retention },
]);
