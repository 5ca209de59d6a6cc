import 'reflect-metadata';
import { runServices } from '@privacy-ledger/runtime';
import { createIdentityApp } from './identity.app';

/** Identity as its own process (server mode: DATABASE_URL, KEK_STORE_DIR, KEYRING_BLIND_INDEX_KEY, IDENTITY_SIGNING_KEY). */
runServices('identity', [{ name: 'identity', create: createIdentityApp, port: (config) => config.ports.identity }]);
