import 'reflect-metadata';
import { jsonLogger, openPlatform, runtimeConfig, serveUntilStopped } from '@privacy-ledger/platform';
import { createContactsApp } from './contacts.app';

/** Contacts as its own process (server mode: DATABASE_URL, KEYRING_KEKS, KEYRING_BLIND_INDEX_KEY, IDENTITY_URL, SMTP_URL). */
async function main(): Promise<void> {
  const logger = jsonLogger('contacts');
  const config = runtimeConfig();
  const platform = await openPlatform(config, (message) => logger.warn(message));
  await serveUntilStopped(platform, [{ name: 'contacts', app: await createContactsApp(platform), port: config.ports.contacts }], logger);
}

main().catch((error: Error) => {
  jsonLogger('contacts').error({ msg: 'failed to start', error: error.name, reason: error.message });
  process.exit(1);
});
