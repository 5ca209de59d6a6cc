import 'reflect-metadata';
import { runServices } from '@privacy-ledger/runtime';
import { createContactsApp } from './contacts.app';

/** Contacts as its own process (server mode: DATABASE_URL, KEK_STORE_DIR, KEYRING_BLIND_INDEX_KEY, IDENTITY_URL, SMTP_URL). */
runServices('contacts', [{ name: 'contacts', create: createContactsApp, port: (config) => config.ports.contacts }]);
